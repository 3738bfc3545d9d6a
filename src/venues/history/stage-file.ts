import { extname } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { BarSize } from '../../core/bar.js';
import { BarInputError, type BarProblem } from './bar-file-error.js';
import { readCsvHead, type CsvHead } from './csv-head.js';
import { detectLayout, type FileLayout } from './file-layout.js';
import { quoteLiteral, stampSql } from './stamp-sql.js';

export interface StageOptions {
  barSize: BarSize;
  /** The zone of naive stamps (no offset, not epoch). */
  tz: string;
  /** Whether the file stamps each bar at its start or its end; the store keeps starts. */
  stamp: 'start' | 'end';
  /** Called with 0..1 while DuckDB reads the file. */
  onProgress?: (fraction: number) => void;
}

/** Where staged row `rowid` came from: CSV line (after one header line) or Parquet row. */
export interface Staged {
  unit: 'line' | 'row';
  firstAt: number;
}

/**
 * Reads a CSV (plain or .gz) or Parquet bar file into the temp table `table`
 * (stamp_text, ts = UTC bar start, open, high, low, close, volume; rowid = file order), letting
 * DuckDB parse it. Unparseable cells are reported with their line numbers as BarInputError.
 */
export async function stageFile(c: DuckDBConnection, file: string, table: string, opts: StageOptions): Promise<Staged> {
  const parquet = /\.parquet$/i.test(file);
  const head = parquet ? await peekParquet(c, file) : await readCsvHead(file).catch((e: Error) => unreadable(file, e));
  let layout: FileLayout;
  try {
    layout = detectLayout(head.columns, head.firstRow);
  } catch (e) {
    throw new BarInputError(file, [{ at: null, message: (e as Error).message }], 0);
  }
  const q = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const num = (role: keyof FileLayout['prices']) => {
    const col = layout.prices[role];
    return col === null ? '0::DOUBLE' : `CAST(${q(col)} AS DOUBLE)`;
  };
  const text = 'column' in layout.stamp
    ? `CAST(${q(layout.stamp.column)} AS VARCHAR)`
    : `CAST(${q(layout.stamp.date)} AS VARCHAR) || ' ' || CAST(${q(layout.stamp.time)} AS VARCHAR)`;
  let from = `read_parquet(${quoteLiteral(file)})`;
  if (!parquet) {
    // Explicit types, no sniffing: prices as DOUBLE, everything else as text (ignored unless a stamp).
    const priceColumns = new Set(Object.values(layout.prices));
    const typeList = head.columns.map((col) => `${quoteLiteral(col)}: '${priceColumns.has(col) ? 'DOUBLE' : 'VARCHAR'}'`).join(', ');
    await c.run('DROP TABLE IF EXISTS ingest_rejects; DROP TABLE IF EXISTS ingest_scans');
    from = `read_csv(${quoteLiteral(file)}, header = true, auto_detect = false, delim = ${quoteLiteral((head as CsvHead).delimiter)},
      columns = {${typeList}}, store_rejects = true, rejects_table = 'ingest_rejects', rejects_scan = 'ingest_scans')`;
  }
  // The stamp text is kept only where it could not be read: for the error message.
  const sql = `CREATE OR REPLACE TEMP TABLE ${table} AS
    SELECT CASE WHEN ts IS NULL THEN stamp_text END AS stamp_text, ts, open, high, low, "close", volume
    FROM (SELECT stamp_text, ${stampSql('stamp_text', layout.format, opts)} AS ts, open, high, low, "close", volume
          FROM (SELECT ${text} AS stamp_text, ${num('open')} AS open, ${num('high')} AS high, ${num('low')} AS low,
                       ${num('close')} AS "close", ${num('volume')} AS volume FROM ${from}))`;
  await withProgress(c, opts.onProgress, async () => {
    try {
      await c.run(sql);
    } catch (e) {
      throw new BarInputError(file, [{ at: null, message: firstLine((e as Error).message) }], 0);
    }
  });
  if (!parquet) await throwOnRejects(c, file);
  return { unit: parquet ? 'row' : 'line', firstAt: parquet ? 1 : 2 };
}

async function peekParquet(c: DuckDBConnection, file: string): Promise<Omit<CsvHead, 'delimiter'>> {
  try {
    // As text, the way staging casts it: a TIMESTAMPTZ reads "… 13:30:00+00" (an instant).
    const r = await c.runAndReadAll(`SELECT COLUMNS(*)::VARCHAR FROM read_parquet(${quoteLiteral(file)}) LIMIT 1`);
    const columns = r.columnNames();
    const first = r.getRowsJS()[0] ?? [];
    return { columns, firstRow: Object.fromEntries(columns.map((col, i) => [col, first[i] == null ? null : String(first[i])])) };
  } catch (e) {
    return unreadable(file, e as Error);
  }
}

function unreadable(file: string, e: Error): never {
  throw new BarInputError(file, [{ at: null, message: `cannot read ${extname(file) || 'file'}: ${firstLine(e.message)}` }], 0);
}

async function throwOnRejects(c: DuckDBConnection, file: string): Promise<void> {
  const r = await c.runAndReadAll(`SELECT line, error_message, count(*) OVER () FROM ingest_rejects ORDER BY line LIMIT 5`);
  const rows = r.getRowsJS();
  if (rows.length === 0) return;
  const problems: BarProblem[] = rows.map(([line, message]) => ({ at: Number(line), message: String(message) }));
  throw new BarInputError(file, problems, Number(rows[0]![2]));
}

/** Polls DuckDB's query progress while `body` runs (DuckDB works on its own threads). */
async function withProgress<T>(c: DuckDBConnection, onProgress: ((f: number) => void) | undefined, body: () => Promise<T>): Promise<T> {
  if (!onProgress) return body();
  // DuckDB tracks progress only with its progress bar on; its own printing stays off.
  await c.run('SET enable_progress_bar = true; SET enable_progress_bar_print = false');
  const timer = setInterval(() => {
    const p = c.progress.percentage;
    if (p >= 0) onProgress(Math.min(1, p / 100));
  }, 100);
  try {
    const result = await body();
    onProgress(1);
    return result;
  } finally {
    clearInterval(timer);
  }
}

const firstLine = (s: string) => s.split('\n')[0] ?? s;
