import type { JournalTables } from './journal-buffer.js';
import { RECORD_TABLES, RUN_FIELDS, type RecordTableKey } from './record-tables.js';
import type { RunRecord } from './records.js';

/** A run's journal as compared: a loaded run (JournalData) or a buffer's tables with a run row. */
export interface ComparableJournal extends JournalTables {
  run: RunRecord;
}

export type JournalTableName = keyof ComparableJournal;

export const JOURNAL_TABLES: readonly JournalTableName[] = ['run', 'signals', 'riskDecisions', 'orders', 'fills', 'trades', 'equity', 'marks', 'bars', 'logs'];

/** A field that differs between two runs; `row` is null when the tables differ in length. */
export interface JournalDifference {
  table: JournalTableName;
  row: number | null;
  field: string;
  a: unknown;
  b: unknown;
}

export interface CompareOptions {
  /** Further fields to leave out per table, e.g. `{ logs: ['ts'] }` when log stamps are wall-clock. */
  ignore?: Partial<Record<JournalTableName, readonly string[]>>;
  /** Stop after this many differences (default 20). */
  limit?: number;
}

/** What differs between runs by construction: their ids and the wall-clock start and end. */
const ALWAYS_IGNORED: Partial<Record<JournalTableName, readonly string[]>> = { run: ['runId', 'startedAt', 'endedAt'] };

/** Equal as stored: numbers by identity (NaN equals NaN), lists and JSON by their text. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'object' && a !== null) return JSON.stringify(a) === JSON.stringify(b);
  return Object.is(a, b);
}

/** Rows of a table as a count, its stored fields and a getter, whether it is records or columns. */
function rowsOf(data: ComparableJournal, table: JournalTableName): { length: number; fields: string[]; get(row: number, field: string): unknown } {
  if (table === 'run') {
    const run = data.run as unknown as Record<string, unknown>;
    return { length: 1, fields: Object.keys(RUN_FIELDS), get: (_i, f) => run[f] };
  }
  if (table in RECORD_TABLES) {
    const rows = data[table] as unknown as Record<string, unknown>[];
    return { length: rows.length, fields: Object.keys(RECORD_TABLES[table as RecordTableKey].fields), get: (i, f) => rows[i]![f] };
  }
  const cols = data[table] as unknown as Record<string, ArrayLike<unknown>> & { length: number };
  return { length: cols.length, fields: Object.keys(cols).filter((k) => k !== 'length'), get: (i, f) => cols[f]![i] };
}

/**
 * Compares two runs row by row, table by table, leaving out run ids and wall-clock stamps,
 * and returns the first differences (none when the journals are identical). Parity tests use it.
 */
export function compareJournals(a: ComparableJournal, b: ComparableJournal, tables: readonly JournalTableName[] = JOURNAL_TABLES, opts: CompareOptions = {}): JournalDifference[] {
  const limit = opts.limit ?? 20;
  const out: JournalDifference[] = [];
  for (const table of tables) {
    const ignored = new Set([...(ALWAYS_IGNORED[table] ?? []), ...(opts.ignore?.[table] ?? [])]);
    const ra = rowsOf(a, table);
    const rb = rowsOf(b, table);
    if (ra.length !== rb.length) out.push({ table, row: null, field: 'rows', a: ra.length, b: rb.length });
    const fields = [...new Set([...ra.fields, ...rb.fields])].filter((f) => !ignored.has(f));
    const n = Math.min(ra.length, rb.length);
    for (let i = 0; i < n && out.length < limit; i++) {
      for (const f of fields) {
        const va = ra.get(i, f);
        const vb = rb.get(i, f);
        if (!same(va, vb)) {
          out.push({ table, row: i, field: f, a: va, b: vb });
          if (out.length >= limit) break;
        }
      }
    }
    if (out.length >= limit) return out.slice(0, limit);
  }
  return out;
}

/** A difference as one line: `trades[3].pnl: 12.5 ≠ 13`. */
export const formatDifference = (d: JournalDifference): string =>
  `${d.table}${d.row === null ? '' : `[${d.row}]`}.${d.field}: ${JSON.stringify(d.a)} ≠ ${JSON.stringify(d.b)}`;
