import type { DuckDBConnection } from '@duckdb/node-api';
import type { EpochMs } from '../core/time.js';
import { inTransaction, type Database } from '../duckdb/database.js';
import { barsDigest } from './bar-digest.js';
import { appendChunks, type ChunkColumns } from './chunk-append.js';
import type { JournalBuffer, StoredBarsRef } from './journal-buffer.js';
import { RECORD_TABLES, RUN_FIELDS, toDb, type FieldKinds, type RecordTableKey } from './record-tables.js';
import type { RunRecord } from './records.js';
import { JOURNAL_SCHEMA, migrateJournal } from './schema.js';

/** How many rows of each table a flush wrote. */
export type FlushCounts = Record<RecordTableKey | 'equity' | 'marks' | 'bars', number>;

const emptyCounts = (): FlushCounts => ({ signals: 0, riskDecisions: 0, orders: 0, fills: 0, trades: 0, logs: 0, equity: 0, marks: 0, bars: 0 });

/**
 * Writes one run's journal to DuckDB: the run row at `begin`, then every `flush()` appends the
 * buffer's rows written since the previous flush (live mode flushes periodically; a backtest
 * once), and `end()` flushes and stamps the end time. Each flush is one transaction of data-chunk
 * appends, so a run is never half-written and no row is one INSERT. A writer has a connection of
 * its own (closed with the database), so concurrent writers never share a transaction.
 */
export class JournalWriter {
  private readonly written = emptyCounts();
  /** Intent id → its number in this run's marks (journal.mark_intents), in order of first mark. */
  private readonly intentNos = new Map<string, number>();

  private constructor(
    private readonly conn: DuckDBConnection,
    readonly run: RunRecord,
    readonly buffer: JournalBuffer,
    /** The run's integer key in the per-bar tables (journal.run_keys). */
    private readonly runKey: number,
  ) {}

  /** Creates or upgrades the tables if needed and records the run. Refuses a run id already in the journal. */
  static async begin(db: Database, run: RunRecord, buffer: JournalBuffer): Promise<JournalWriter> {
    const conn = await connectFor(db, run);
    const runKey = await inTransaction(conn, () => recordRun(conn, run));
    return new JournalWriter(conn, run, buffer, runKey);
  }

  /** A finished run, its row (with its end) and every table, in one transaction: the backtest's way. */
  static async writeWhole(db: Database, run: RunRecord, buffer: JournalBuffer): Promise<FlushCounts> {
    const conn = await connectFor(db, run);
    return inTransaction(conn, async () => new JournalWriter(conn, run, buffer, await recordRun(conn, run)).appendNew());
  }

  /** Appends what the buffer gained since the last flush, in one transaction with `alsoDo`. */
  async flush(alsoDo?: () => Promise<unknown>): Promise<FlushCounts> {
    const intentsBefore = this.intentNos.size;
    const counts = await inTransaction(this.conn, async () => {
      const appended = await this.appendNew();
      await alsoDo?.();
      return appended;
    }).catch((e: unknown) => {
      // Nothing of this flush was stored: forget the intents it numbered, so the next one writes them.
      for (const id of [...this.intentNos.keys()].slice(intentsBefore)) this.intentNos.delete(id);
      throw e;
    });
    for (const k of Object.keys(counts) as (keyof FlushCounts)[]) this.written[k] += counts[k];
    return counts;
  }

  /** Flushes, recording the run's wall-clock end in the same transaction. */
  end(endedAt: EpochMs): Promise<FlushCounts> {
    return this.flush(() => this.conn.run(`UPDATE ${JOURNAL_SCHEMA}.runs SET ended_at = $1 WHERE run_id = $2`, [BigInt(endedAt), this.run.runId]));
  }

  /** Appends every table's rows written since the last flush, inside the caller's transaction. */
  private async appendNew(): Promise<FlushCounts> {
    const b = this.buffer;
    const from = this.written;
    const counts = emptyCounts();
    counts.signals = await this.appendSignals(from.signals);
    for (const key of Object.keys(RECORD_TABLES) as RecordTableKey[]) {
      if (key === 'signals') continue;
      const rows = b[key] as readonly object[];
      counts[key] = await this.appendRecords(key, rows, from[key]);
    }
    counts.equity = await this.appendEquity(from.equity);
    counts.marks = await this.appendMarks(from.marks);
    counts.bars = await this.appendBars(from.bars);
    return counts;
  }

  private async appendRecords(key: RecordTableKey, rows: readonly object[], start: number): Promise<number> {
    const { table, fields } = RECORD_TABLES[key];
    return this.appendRows(table, rows.length, start, false, (c, i, count) => recordColumns(c, rows, fields as FieldKinds<object>, i, count, 2));
  }

  /** Signals straight from the buffer's columns (SIGNAL_FIELDS order); the legacy reasons column stays NULL. */
  private appendSignals(start: number): Promise<number> {
    const s = this.buffer.signalColumns;
    const { ts, confidence, factsEnd, facts } = s.columns();
    return this.appendRows('signals', s.length, start, false, (c, i, count) => {
      c.millis(2, ts, i, count);
      c.text(3, s.symbol, i, count);
      c.text(4, s.strategy, i, count);
      c.text(5, s.action, i, count);
      c.doubles(6, confidence, i, count);
      c.text(7, s.rule, i, count);
      c.doubleLists(8, facts, factsEnd, i, count);
      c.nullsFrom(9);
    });
  }

  private appendEquity(start: number): Promise<number> {
    const e = this.buffer.equitySeries;
    return this.appendSeries('equity_points', e.length, start, [['ms', e.ts], ['num', e.equity], ['num', e.cash], ['num', e.realized], ['num', e.unrealized], ['num', e.openPositions]]);
  }

  /** Marks [start, length), each naming its intent by number; intents first marked here get their mark_intents row. */
  private async appendMarks(start: number): Promise<number> {
    const m = this.buffer.markSeries;
    const numbers = new Int32Array(m.length);
    const added: string[] = [];
    for (let i = start; i < m.length; i++) {
      const id = m.intentId[i]!;
      let no = this.intentNos.get(id);
      if (no === undefined) {
        no = this.intentNos.size;
        this.intentNos.set(id, no);
        added.push(id);
      }
      numbers[i] = no;
    }
    const firstNo = this.intentNos.size - added.length;
    await appendChunks(this.conn, JOURNAL_SCHEMA, 'mark_intents', added.length, (c, from, count) => {
      c.constantInt(0, this.runKey);
      c.sequence(1, firstNo + from, count);
      c.text(2, added, from, count);
    });
    return this.appendSeries('mark_points', m.length, start, [['int', numbers], ['ms', m.ts], ['num', m.price]]);
  }

  /**
   * Bars [start, length): ranges the buffer holds as stored bars become one bar_refs row each
   * (the series, the read's range, the count and a digest of the exact bars), the rest are copied.
   */
  private async appendBars(start: number): Promise<number> {
    const b = this.buffer.barSeries;
    let at = start;
    const refs: StoredBarsRef[] = [];
    for (const ref of this.buffer.barRefs) {
      if (ref.firstSeq < start) continue;
      if (ref.firstSeq > at) await this.appendCopiedBars(at, ref.firstSeq);
      refs.push(ref);
      at = ref.firstSeq + ref.count;
    }
    if (at < b.length) await this.appendCopiedBars(at, b.length);
    await appendChunks(this.conn, JOURNAL_SCHEMA, 'bar_refs', refs.length, (c, from, count) => {
      const rows = refs.slice(from, from + count);
      c.constant(0, this.run.runId);
      c.values(1, rows.map((r) => r.firstSeq));
      c.values(2, rows.map((r) => r.symbol));
      c.values(3, rows.map((r) => r.barSize));
      c.values(4, rows.map((r) => BigInt(r.fromMs)));
      c.values(5, rows.map((r) => BigInt(r.toMs)));
      c.values(6, rows.map((r) => r.count));
      c.values(7, rows.map((r) => barsDigest(b, r.firstSeq, r.count)));
    });
    return b.length - start;
  }

  private appendCopiedBars(start: number, end: number): Promise<number> {
    const b = this.buffer.barSeries;
    return this.appendSeries('copied_bars', end, start, [['text', b.symbol], ['ms', b.ts], ['num', b.open], ['num', b.high], ['num', b.low], ['num', b.close], ['num', b.volume]]);
  }

  /**
   * Appends columns[start, length) after the run and seq columns, straight from typed arrays.
   * The per-bar tables (`*_points`) identify the run by its integer key, others by its id.
   */
  private appendSeries(table: string, length: number, start: number, columns: readonly SeriesColumn[]): Promise<number> {
    return this.appendRows(table, length, start, table.endsWith('_points'), (c, i, count) =>
      columns.forEach(([kind, src], k) => {
        if (kind === 'text') c.text(2 + k, src, i, count);
        else if (kind === 'int') c.int32s(2 + k, src, i, count);
        else if (kind === 'ms') c.millis(2 + k, src, i, count);
        else c.doubles(2 + k, src, i, count);
      }),
    );
  }

  /** Appends rows [start, length) of a run's table: run_id (or run_key) and seq, then `fill` from column 2 on. */
  private async appendRows(
    table: string,
    length: number,
    start: number,
    byKey: boolean,
    fill: (c: ChunkColumns, first: number, count: number) => void,
  ): Promise<number> {
    const n = length - start;
    await appendChunks(this.conn, JOURNAL_SCHEMA, table, n, (c, from, count) => {
      if (byKey) c.constantInt(0, this.runKey);
      else c.constant(0, this.run.runId);
      c.sequence(1, start + from, count);
      fill(c, start + from, count);
    });
    return n;
  }
}

/** A column of a columnar table: epoch ms or numbers from a Float64Array, integers, or strings. */
type SeriesColumn = readonly ['ms' | 'num', Float64Array] | readonly ['int', Int32Array] | readonly ['text', readonly string[]];

/**
 * Writes records[from, from + count) field by field into columns firstCol, firstCol + 1, …:
 * numbers and stamps through typed arrays, text as strings, other kinds as DuckDB values.
 */
function recordColumns<R extends object>(c: ChunkColumns, records: readonly R[], fields: FieldKinds<R>, from: number, count: number, firstCol: number): void {
  let col = firstCol;
  for (const [field, kind] of Object.entries(fields) as [keyof R & string, FieldKinds<R>[keyof R]][]) {
    if (kind === 'num' || kind === 'ms') {
      const values = new Float64Array(count);
      for (let i = 0; i < count; i++) values[i] = records[from + i]![field] as number;
      if (kind === 'ms') c.millis(col++, values, 0, count);
      else c.doubles(col++, values, 0, count);
    } else if (kind === 'text') {
      const values = new Array<string>(count);
      for (let i = 0; i < count; i++) values[i] = records[from + i]![field] as string;
      c.text(col++, values, 0, count);
    } else {
      const values = new Array(count);
      for (let i = 0; i < count; i++) values[i] = toDb(kind, records[from + i]![field]);
      c.values(col++, values);
    }
  }
}

/** Writes a finished run in one go, ended at `endedAt`: the backtest's way. */
export function writeRun(db: Database, run: RunRecord, buffer: JournalBuffer, endedAt: EpochMs): Promise<FlushCounts> {
  return JournalWriter.writeWhole(db, { ...run, endedAt }, buffer);
}

/** A connection of the run's own on the journal, once the tables are current and the run id is known to be new. */
async function connectFor(db: Database, run: RunRecord): Promise<DuckDBConnection> {
  await migrateJournal(db);
  const conn = await db.connect();
  const taken = await conn.runAndReadAll(`SELECT 1 FROM ${JOURNAL_SCHEMA}.runs WHERE run_id = $1`, [run.runId]);
  if (taken.currentRowCount > 0) throw new Error(`journal: run ${run.runId} is already recorded`);
  return conn;
}

/** Appends the run row and takes the run's key, inside the caller's transaction. */
async function recordRun(conn: DuckDBConnection, run: RunRecord): Promise<number> {
  await appendChunks(conn, JOURNAL_SCHEMA, 'runs', 1, (c) => recordColumns(c, [run], RUN_FIELDS, 0, 1, 0));
  const key = await conn.runAndReadAll(`INSERT INTO ${JOURNAL_SCHEMA}.run_keys VALUES ($1, nextval('${JOURNAL_SCHEMA}.run_key_seq')) RETURNING run_key`, [run.runId]);
  return Number(key.getRowsJS()[0]![0]);
}
