import type { DuckDBConnection } from '@duckdb/node-api';
import { settingsSchema } from '../config/schema.js';
import type { ExplainedSignal, Signal } from '../core/signal.js';
import type { Database } from '../duckdb/database.js';
import { signalExplainer } from '../strategy/combine.js';
import { createStrategies } from '../strategy/registry.js';
import { float64Chunks } from '../duckdb/float64-columns.js';
import type { BarSize } from '../core/bar.js';
import { BarStore } from '../venues/history/bar-store.js';
import { barsDigest } from './bar-digest.js';
import { BAR_COLUMNS, EQUITY_COLUMNS, GrowableColumns, MARK_COLUMNS, type EquityColumns, type MarkColumns, type SymbolBarColumns } from './columns.js';
import type { JournalTables } from './journal-buffer.js';
import { columnOf, fromDb, RECORD_TABLES, RUN_FIELDS, type FieldKinds, type RecordTableKey } from './record-tables.js';
import type { RunRecord } from './records.js';
import { JOURNAL_SCHEMA } from './schema.js';

/** One run as stored: its run row and every table, in the order the core wrote them; signals with their reasons in words. */
export interface JournalData extends Omit<JournalTables, 'signals'> {
  run: RunRecord;
  signals: ExplainedSignal[];
}

/** A run in the listing: its row without the settings, and its trade totals. */
export interface RunSummary extends Omit<RunRecord, 'settings'> {
  trades: number;
  /** Net P&L of the round trips, fees included. */
  pnl: number;
  fees: number;
}

const quoted = (field: string): string => `"${columnOf(field)}"`;

/** Whether the file holds a journal at all (a fresh store has only bars). */
async function hasJournal(conn: DuckDBConnection): Promise<boolean> {
  const r = await conn.runAndReadAll(`SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'runs'`, [JOURNAL_SCHEMA]);
  return r.currentRowCount > 0;
}

/** Rows [0, count) of a table read as columns, as records of `fields`. */
function recordsOf<R>(columns: Record<string, unknown[]>, count: number, fields: FieldKinds<R>): R[] {
  const entries = Object.entries(fields) as [string, FieldKinds<R>[keyof R]][];
  const sources = entries.map(([field, kind]) => [field, kind, columns[columnOf(field)]!] as const);
  const out = new Array<R>(count);
  for (let i = 0; i < count; i++) {
    const r: Record<string, unknown> = {};
    for (const [field, kind, values] of sources) r[field] = fromDb(kind, values[i]);
    out[i] = r as R;
  }
  return out;
}

function toRecord<R>(row: Record<string, unknown>, fields: FieldKinds<R>): R {
  const out: Record<string, unknown> = {};
  for (const [field, kind] of Object.entries(fields) as [string, FieldKinds<R>[keyof R]][]) out[field] = fromDb(kind, row[columnOf(field)]);
  return out as R;
}

/** Every run in the journal, oldest first. */
export async function listRuns(db: Database): Promise<RunSummary[]> {
  const conn = db.connection;
  if (!(await hasJournal(conn))) return [];
  const { settings: _settings, ...fields } = RUN_FIELDS;
  const r = await conn.runAndReadAll(
    `SELECT ${Object.keys(fields).map(quoted).join(', ')},
            coalesce(t.trades, 0)::DOUBLE AS trades, coalesce(t.pnl, 0) AS pnl, coalesce(t.fees, 0) AS fees
       FROM ${JOURNAL_SCHEMA}.runs
       LEFT JOIN (SELECT run_id, count(*) AS trades, sum(pnl) AS pnl, sum(fees) AS fees FROM ${JOURNAL_SCHEMA}.trades GROUP BY run_id) t USING (run_id)
      ORDER BY started_at, run_id`,
  );
  return r.getRowObjectsJS().map((row) => ({
    ...toRecord<Omit<RunRecord, 'settings'>>(row, fields),
    trades: row.trades as number,
    pnl: row.pnl as number,
    fees: row.fees as number,
  }));
}

/** Loads one run back: records as records, equity/marks/bars as columns. Throws if the run is unknown. */
export async function loadRun(db: Database, runId: string): Promise<JournalData> {
  const conn = db.connection;
  const runRows = (await hasJournal(conn))
    ? (await conn.runAndReadAll(`SELECT * FROM ${JOURNAL_SCHEMA}.runs WHERE run_id = $1`, [runId])).getRowObjectsJS()
    : [];
  if (runRows.length === 0) throw new Error(`journal: no run ${runId}`);
  const run = toRecord<RunRecord>(runRows[0]!, RUN_FIELDS);
  const records = {} as Pick<JournalTables, RecordTableKey>;
  let legacyReasons: (string[] | null)[] = [];
  for (const key of Object.keys(RECORD_TABLES) as RecordTableKey[]) {
    const { table, fields } = RECORD_TABLES[key];
    // Columns, not row objects: converting a year's ~50 k rows into objects was half of a load.
    const result = await conn.runAndReadAll(`SELECT * FROM ${JOURNAL_SCHEMA}.${table} WHERE run_id = $1 ORDER BY seq`, [runId]);
    const columns = result.getColumnsObjectJS() as Record<string, unknown[]>;
    (records as Record<RecordTableKey, unknown[]>)[key] = recordsOf(columns, result.currentRowCount, fields as FieldKinds<object>);
    if (key === 'signals') legacyReasons = columns.reasons as (string[] | null)[];
  }
  return {
    run,
    ...records,
    signals: explained(records.signals, legacyReasons, run),
    ...(await readPerBar(conn, runId)),
    bars: await readBars(db, runId),
  };
}

/** Which rows of a table are the run's: by its id, or by its key in the per-bar tables. */
type RunFilter = readonly ['run_id', string] | readonly ['run_key', number];

/** A run's rows of a columnar table: numeric columns through the raw-vector road, one text column beside. */
async function readColumns<N extends string>(
  conn: DuckDBConnection,
  table: string,
  [column, value]: RunFilter,
  numeric: readonly N[],
  text?: string,
): Promise<{ columns: Record<N, Float64Array> & { length: number }; text: string[] }> {
  const where = `FROM ${JOURNAL_SCHEMA}.${table} WHERE ${column} = $1 ORDER BY seq`;
  const result = await conn.stream(`SELECT ${numeric.map((n) => `${quoted(n)}::DOUBLE`).join(', ')} ${where}`, [value]);
  const cols = new GrowableColumns(numeric);
  for await (const chunk of float64Chunks(result)) {
    const first = cols.reserve(chunk[0]!.length);
    numeric.forEach((name, c) => cols.cols[name].set(chunk[c]!, first));
  }
  const texts = text ? ((await conn.runAndReadAll(`SELECT ${quoted(text)} ${where}`, [value])).getColumnsJS()[0] as string[] | undefined) : [];
  return { columns: cols.view(), text: texts ?? [] };
}

/**
 * Signals with their reasons in words: the run's own strategies (built from its settings) explain
 * its rules and facts; signals of runs journalled before facts existed keep their stored text.
 */
function explained(signals: readonly Signal[], legacyReasons: readonly (string[] | null)[], run: RunRecord): ExplainedSignal[] {
  const parsed = settingsSchema.safeParse(run.settings);
  const explain = signalExplainer(parsed.success ? createStrategies(parsed.data) : []);
  return signals.map((s, i) => {
    const legacy = legacyReasons[i] ?? null;
    return legacy ? { ...s, rule: s.rule ?? '', facts: s.facts ?? [], reasons: legacy } : { ...s, reasons: explain(s) };
  });
}

/** Equity points and marks, straight from the keyed tables (the views' joins are for SQL users). */
async function readPerBar(conn: DuckDBConnection, runId: string): Promise<{ equity: EquityColumns; marks: MarkColumns }> {
  const keyRow = (await conn.runAndReadAll(`SELECT run_key FROM ${JOURNAL_SCHEMA}.run_keys WHERE run_id = $1`, [runId])).getRowsJS()[0];
  const run: RunFilter = ['run_key', Number(keyRow?.[0] ?? NaN)];
  const equity = (await readColumns(conn, 'equity_points', run, EQUITY_COLUMNS)).columns;
  const { intentNo, ...marks } = (await readColumns(conn, 'mark_points', run, ['intentNo', ...MARK_COLUMNS] as const)).columns;
  const intents = (await conn.runAndReadAll(`SELECT intent_no, intent_id FROM ${JOURNAL_SCHEMA}.mark_intents WHERE run_key = $1`, [run[1]])).getRowsJS();
  const names: string[] = [];
  for (const [no, id] of intents) names[Number(no)] = String(id);
  return { equity, marks: { ...marks, intentId: Array.from(intentNo, (no) => names[no]!) } };
}

/**
 * A run's bars in journal order: copied rows, and stored bars re-read from the bar store and
 * checked against the digest the run recorded. Refuses, naming the run and the series, when the
 * store no longer holds exactly those bars (a later ingest replaced or removed some).
 */
async function readBars(db: Database, runId: string): Promise<SymbolBarColumns> {
  const conn = db.connection;
  const refs = (await conn.runAndReadAll(`SELECT * FROM ${JOURNAL_SCHEMA}.bar_refs WHERE run_id = $1 ORDER BY first_seq`, [runId])).getRowObjectsJS();
  const copied = await readColumns(conn, 'copied_bars', ['run_id', runId], ['seq', ...BAR_COLUMNS] as const, 'symbol');
  if (refs.length === 0) {
    // Copied bars only (live, rehearsals): their seq runs 0, 1, … already.
    const { seq: _seq, ...columns } = copied.columns;
    return { ...columns, symbol: copied.text };
  }
  const total = copied.columns.length + refs.reduce((n, r) => n + Number(r.bars), 0);
  const out = new GrowableColumns(BAR_COLUMNS, total);
  out.reserve(total);
  const symbol = new Array<string>(total);
  const c = copied.columns;
  for (let i = 0; i < c.length; i++) {
    const at = c.seq[i]!;
    for (const name of BAR_COLUMNS) out.cols[name][at] = c[name][i]!;
    symbol[at] = copied.text[i]!;
  }
  const store = await BarStore.fromDatabase(db);
  try {
    for (const r of refs) {
      const [name, size, from, to, count, firstSeq] = [String(r.symbol), String(r.bar_size) as BarSize, Number(r.from_ts), Number(r.to_ts), Number(r.bars), Number(r.first_seq)];
      const bars = await store.readColumns(name, size, from, to);
      if (bars.length !== count || barsDigest(bars) !== r.digest) {
        const span = `${new Date(from).toISOString()} to ${new Date(to).toISOString()}`;
        const what = bars.length === count ? 'the same number of bars with different values' : `${bars.length} bars`;
        throw new Error(
          `journal: run ${runId} used ${count} ${name} ${size} bars from the bar store (${span}); the store now holds ${what} there ` +
            `(a later ingest replaced or removed them), so the run's bars can no longer be shown as it saw them`,
        );
      }
      for (const col of BAR_COLUMNS) out.cols[col].set(bars[col], firstSeq);
      symbol.fill(name, firstSeq, firstSeq + count);
    }
  } finally {
    store.close();
  }
  return { ...out.view(), symbol };
}
