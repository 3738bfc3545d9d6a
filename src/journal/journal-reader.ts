import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { BAR_COLUMNS, EQUITY_COLUMNS, GrowableColumns, MARK_COLUMNS, type EquityColumns, type MarkColumns, type SymbolBarColumns } from './columns.js';
import type { JournalTables } from './journal-buffer.js';
import { columnOf, fromDb, RECORD_TABLES, RUN_FIELDS, type FieldKinds, type RecordTableKey } from './record-tables.js';
import type { RunRecord } from './records.js';
import { JOURNAL_SCHEMA } from './schema.js';

/** One run as stored: its run row and every table, in the order the core wrote them. */
export interface JournalData extends JournalTables {
  run: RunRecord;
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

function toRecord<R>(row: Record<string, unknown>, fields: FieldKinds<R>): R {
  const out: Record<string, unknown> = {};
  for (const [field, kind] of Object.entries(fields) as [string, FieldKinds<R>[keyof R]][]) out[field] = fromDb(kind, row[columnOf(field)]);
  return out as R;
}

/** Every run in the journal, oldest first. */
export async function listRuns(conn: DuckDBConnection): Promise<RunSummary[]> {
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
export async function loadRun(conn: DuckDBConnection, runId: string): Promise<JournalData> {
  const runRows = (await hasJournal(conn))
    ? (await conn.runAndReadAll(`SELECT * FROM ${JOURNAL_SCHEMA}.runs WHERE run_id = $1`, [runId])).getRowObjectsJS()
    : [];
  if (runRows.length === 0) throw new Error(`journal: no run ${runId}`);
  const records = {} as Pick<JournalTables, RecordTableKey>;
  for (const key of Object.keys(RECORD_TABLES) as RecordTableKey[]) {
    const { table, fields } = RECORD_TABLES[key];
    const rows = (await conn.runAndReadAll(`SELECT * FROM ${JOURNAL_SCHEMA}.${table} WHERE run_id = $1 ORDER BY seq`, [runId])).getRowObjectsJS();
    (records as Record<RecordTableKey, unknown[]>)[key] = rows.map((row) => toRecord(row, fields as FieldKinds<object>));
  }
  return {
    run: toRecord<RunRecord>(runRows[0]!, RUN_FIELDS),
    ...records,
    equity: await readEquity(conn, runId),
    marks: await readMarks(conn, runId),
    bars: await readBars(conn, runId),
  };
}

/**
 * Reads a run's rows of a columnar table: one optional text column, then numeric columns
 * (cast to DOUBLE in SQL), chunk by chunk into growable columns.
 */
async function readColumns<N extends string>(
  conn: DuckDBConnection,
  table: string,
  runId: string,
  text: string | null,
  numeric: readonly N[],
): Promise<{ text: string[]; columns: Record<N, Float64Array> & { length: number } }> {
  const select = [...(text ? [quoted(text)] : []), ...numeric.map((n) => `${quoted(n)}::DOUBLE`)].join(', ');
  const result = await conn.stream(`SELECT ${select} FROM ${JOURNAL_SCHEMA}.${table} WHERE run_id = $1 ORDER BY seq`, [runId] as DuckDBValue[]);
  const cols = new GrowableColumns(numeric);
  const texts: string[] = [];
  const first = text ? 1 : 0;
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    const n = chunk.rowCount;
    const start = cols.reserve(n);
    numeric.forEach((name, c) => {
      const v = chunk.getColumnVector(first + c);
      const dst = cols.cols[name];
      for (let i = 0; i < n; i++) dst[start + i] = v.getItem(i) as number;
    });
    if (text) {
      const v = chunk.getColumnVector(0);
      for (let i = 0; i < n; i++) texts.push(v.getItem(i) as string);
    }
  }
  return { text: texts, columns: cols.view() };
}

async function readEquity(conn: DuckDBConnection, runId: string): Promise<EquityColumns> {
  return (await readColumns(conn, 'equity', runId, null, EQUITY_COLUMNS)).columns;
}

async function readMarks(conn: DuckDBConnection, runId: string): Promise<MarkColumns> {
  const { text, columns } = await readColumns(conn, 'marks', runId, 'intentId', MARK_COLUMNS);
  return { ...columns, intentId: text };
}

async function readBars(conn: DuckDBConnection, runId: string): Promise<SymbolBarColumns> {
  const { text, columns } = await readColumns(conn, 'bars', runId, 'symbol', BAR_COLUMNS);
  return { ...columns, symbol: text };
}
