import type { DuckDBConnection } from '@duckdb/node-api';
import type { EpochMs } from '../core/time.js';
import { appendChunks, type ChunkColumns } from './chunk-append.js';
import type { JournalBuffer } from './journal-buffer.js';
import { RECORD_TABLES, RUN_FIELDS, toDb, type FieldKinds, type RecordTableKey } from './record-tables.js';
import type { RunRecord } from './records.js';
import { ensureJournalSchema, JOURNAL_SCHEMA } from './schema.js';

/** How many rows of each table a flush wrote. */
export type FlushCounts = Record<RecordTableKey | 'equity' | 'marks' | 'bars', number>;

const emptyCounts = (): FlushCounts => ({ signals: 0, riskDecisions: 0, orders: 0, fills: 0, trades: 0, logs: 0, equity: 0, marks: 0, bars: 0 });

/**
 * Writes one run's journal to DuckDB: the run row at `begin`, then every `flush()` appends the
 * buffer's rows written since the previous flush (live mode flushes periodically; a backtest
 * once), and `end()` flushes and stamps the end time. Each flush is one transaction of data-chunk
 * appends, so a run is never half-written and no row is one INSERT.
 */
export class JournalWriter {
  private readonly written = emptyCounts();

  private constructor(
    private readonly conn: DuckDBConnection,
    readonly run: RunRecord,
    readonly buffer: JournalBuffer,
  ) {}

  /** Creates the tables if needed and records the run. Refuses a run id already in the journal. */
  static async begin(conn: DuckDBConnection, run: RunRecord, buffer: JournalBuffer): Promise<JournalWriter> {
    await ensureJournalSchema(conn);
    const taken = await conn.runAndReadAll(`SELECT 1 FROM ${JOURNAL_SCHEMA}.runs WHERE run_id = $1`, [run.runId]);
    if (taken.currentRowCount > 0) throw new Error(`journal: run ${run.runId} is already recorded`);
    await appendChunks(conn, JOURNAL_SCHEMA, 'runs', 1, (c) => recordColumns(c, [run], RUN_FIELDS, 0, 1, 0));
    return new JournalWriter(conn, run, buffer);
  }

  /** Appends what the buffer gained since the last flush. */
  async flush(): Promise<FlushCounts> {
    const b = this.buffer;
    const from = { ...this.written };
    const counts = emptyCounts();
    await this.transaction(async () => {
      for (const key of Object.keys(RECORD_TABLES) as RecordTableKey[]) {
        const rows = b[key] as readonly object[];
        counts[key] = await this.appendRecords(key, rows, from[key]);
      }
      counts.equity = await this.appendEquity(from.equity);
      counts.marks = await this.appendMarks(from.marks);
      counts.bars = await this.appendBars(from.bars);
    });
    for (const k of Object.keys(counts) as (keyof FlushCounts)[]) this.written[k] += counts[k];
    return counts;
  }

  /** Flushes, then records the run's wall-clock end. */
  async end(endedAt: EpochMs): Promise<FlushCounts> {
    const counts = await this.flush();
    await this.conn.run(`UPDATE ${JOURNAL_SCHEMA}.runs SET ended_at = $1 WHERE run_id = $2`, [BigInt(endedAt), this.run.runId]);
    return counts;
  }

  private async transaction(body: () => Promise<void>): Promise<void> {
    await this.conn.run('BEGIN TRANSACTION');
    try {
      await body();
      await this.conn.run('COMMIT');
    } catch (e) {
      await this.conn.run('ROLLBACK');
      throw e;
    }
  }

  private async appendRecords(key: RecordTableKey, rows: readonly object[], start: number): Promise<number> {
    const { table, fields } = RECORD_TABLES[key];
    const n = rows.length - start;
    await appendChunks(this.conn, JOURNAL_SCHEMA, table, n, (c, from, count) => {
      c.constant(0, this.run.runId);
      c.sequence(1, start + from, count);
      recordColumns(c, rows, fields as FieldKinds<object>, start + from, count, 2);
    });
    return n;
  }

  private async appendEquity(start: number): Promise<number> {
    const e = this.buffer.equitySeries;
    const n = e.length - start;
    await appendChunks(this.conn, JOURNAL_SCHEMA, 'equity', n, (c, from, count) => {
      const i = start + from;
      c.constant(0, this.run.runId);
      c.sequence(1, i, count);
      c.millis(2, e.ts, i, count);
      c.doubles(3, e.equity, i, count);
      c.doubles(4, e.cash, i, count);
      c.doubles(5, e.realized, i, count);
      c.doubles(6, e.unrealized, i, count);
      c.doubles(7, e.openPositions, i, count);
    });
    return n;
  }

  private async appendMarks(start: number): Promise<number> {
    const m = this.buffer.markSeries;
    const n = m.length - start;
    await appendChunks(this.conn, JOURNAL_SCHEMA, 'marks', n, (c, from, count) => {
      const i = start + from;
      c.constant(0, this.run.runId);
      c.sequence(1, i, count);
      c.text(2, m.intentId, i, count);
      c.millis(3, m.ts, i, count);
      c.doubles(4, m.price, i, count);
    });
    return n;
  }

  private async appendBars(start: number): Promise<number> {
    const b = this.buffer.barSeries;
    const n = b.length - start;
    await appendChunks(this.conn, JOURNAL_SCHEMA, 'bars', n, (c, from, count) => {
      const i = start + from;
      c.constant(0, this.run.runId);
      c.sequence(1, i, count);
      c.text(2, b.symbol, i, count);
      c.millis(3, b.ts, i, count);
      c.doubles(4, b.open, i, count);
      c.doubles(5, b.high, i, count);
      c.doubles(6, b.low, i, count);
      c.doubles(7, b.close, i, count);
      c.doubles(8, b.volume, i, count);
    });
    return n;
  }
}

/** Writes records[from, from + count) field by field into columns firstCol, firstCol + 1, … */
function recordColumns<R extends object>(c: ChunkColumns, records: readonly R[], fields: FieldKinds<R>, from: number, count: number, firstCol: number): void {
  let col = firstCol;
  for (const [field, kind] of Object.entries(fields) as [keyof R & string, FieldKinds<R>[keyof R]][]) {
    const values = new Array(count);
    for (let i = 0; i < count; i++) values[i] = toDb(kind, records[from + i]![field]);
    c.values(col++, values);
  }
}

/** Writes a finished run in one go: the backtest's way. */
export async function writeRun(conn: DuckDBConnection, run: RunRecord, buffer: JournalBuffer, endedAt: EpochMs): Promise<FlushCounts> {
  const writer = await JournalWriter.begin(conn, run, buffer);
  return writer.end(endedAt);
}
