import type { DuckDBConnection } from '@duckdb/node-api';
import type { BarColumns, BarSize } from '../../core/bar.js';
import type { EpochMs } from '../../core/time.js';
import { openDatabase, type Database } from '../../duckdb/database.js';
import { appendFloat64Columns, float64Chunks, readFloat64Into } from '../../duckdb/float64-columns.js';
import { migrate } from '../../duckdb/migrate.js';
import { seriesCoverage, type SeriesCoverage, type StoredSeries } from './bar-coverage.js';
import { BAR_MIGRATIONS, BARS_COMPONENT } from './bar-schema.js';
import { mergeStaged, type ConflictPolicy, type MergeReport } from './merge-staged.js';
import { resampleSql } from './resample-sql.js';
import { stageFile, type StageOptions } from './stage-file.js';
import { validateStaged } from './validate-staged.js';

export type { ConflictPolicy, MergeReport, SeriesCoverage, StoredSeries };

export interface IngestOptions {
  symbol: string;
  barSize: BarSize;
  /** Zone of naive stamps; stamps with an offset or epoch numbers ignore it. */
  tz: string;
  stamp: 'start' | 'end';
  onConflict: ConflictPolicy;
  /** Source tag stored with every bar; default: the file's base name. */
  source?: string;
  /** Called while a file is read, with the file and 0..1. */
  onProgress?: (file: string, fraction: number) => void;
}

export interface FileIngestReport extends MergeReport {
  file: string;
}

const COLUMNS = 'epoch_ms(ts)::DOUBLE, open, high, low, "close", volume';

/**
 * The history venue's bar store: OHLCV bars by symbol and bar size in a DuckDB file. Every
 * write (file ingest, live recording, downloads, the synthetic sample) goes through the same
 * staging → validation → merge path; reads copy DuckDB vectors straight into Float64Arrays.
 */
export class BarStore {
  private constructor(
    private readonly db: Database,
    private readonly c: DuckDBConnection,
    private readonly ownsDatabase: boolean,
  ) {}

  /** Opens (creating if needed) the store file at `path`. */
  static async open(path: string): Promise<BarStore> {
    const db = await openDatabase(path);
    try {
      return await BarStore.attach(db, true);
    } catch (e) {
      db.close();
      throw e;
    }
  }

  /** A store on an already open database (shared with the journal); closing the store leaves it open. */
  static fromDatabase(db: Database): Promise<BarStore> {
    return BarStore.attach(db, false);
  }

  private static async attach(db: Database, owns: boolean): Promise<BarStore> {
    await migrate(db, BARS_COMPONENT, BAR_MIGRATIONS);
    return new BarStore(db, await db.connect(), owns);
  }

  close(): void {
    if (this.ownsDatabase) this.db.close();
  }

  /**
   * Ingests CSV (plain or gzip) and Parquet files. Every file is read and validated before
   * anything is stored: one bad file throws BarInputError and stores nothing of any of them.
   */
  async ingestFiles(files: readonly string[], opts: IngestOptions): Promise<FileIngestReport[]> {
    const staged: { file: string; table: string }[] = [];
    try {
      for (const [i, file] of files.entries()) {
        const table = `staged_file_${i}`;
        const stageOpts: StageOptions = { barSize: opts.barSize, tz: opts.tz, stamp: opts.stamp };
        if (opts.onProgress) stageOpts.onProgress = (f) => opts.onProgress!(file, f);
        staged.push({ file, table });
        const s = await stageFile(this.c, file, table, stageOpts);
        await validateStaged(this.c, table, opts.barSize, file, s.unit, s.firstAt);
      }
      const reports: FileIngestReport[] = [];
      for (const { file, table } of staged) {
        const source = opts.source ?? baseName(file);
        reports.push({ file, ...(await mergeStaged(this.c, table, { symbol: opts.symbol, barSize: opts.barSize, source }, opts.onConflict)) });
      }
      return reports;
    } finally {
      for (const { table } of staged) await this.c.run(`DROP TABLE IF EXISTS ${table}`);
    }
  }

  /**
   * Stores bars held in memory (live recording, downloads, generated samples) through the same
   * validation as files; bad rows throw BarInputError numbered by row (1-based) and store nothing.
   */
  async insertBars(symbol: string, barSize: BarSize, source: string, bars: BarColumns, onConflict: ConflictPolicy): Promise<MergeReport> {
    const n = bars.length;
    const cols = [bars.ts, bars.open, bars.high, bars.low, bars.close, bars.volume].map((a) => a.subarray(0, n));
    try {
      await this.c.run(`CREATE OR REPLACE TEMP TABLE staged_columns (ts DOUBLE, open DOUBLE, high DOUBLE, low DOUBLE, "close" DOUBLE, volume DOUBLE)`);
      await appendFloat64Columns(this.c, 'staged_columns', cols);
      await this.c.run(`CREATE OR REPLACE TEMP TABLE staged_bars AS
        SELECT CAST(ts AS VARCHAR) AS stamp_text, CASE WHEN isfinite(ts) THEN make_timestamp(CAST(ts * 1000 AS BIGINT)) END AS ts,
               open, high, low, "close", volume
        FROM staged_columns ORDER BY rowid`);
      await validateStaged(this.c, 'staged_bars', barSize, `${symbol} ${barSize} bars from ${source}`, 'row', 1);
      return await mergeStaged(this.c, 'staged_bars', { symbol, barSize, source }, onConflict);
    } finally {
      await this.c.run('DROP TABLE IF EXISTS staged_columns; DROP TABLE IF EXISTS staged_bars');
    }
  }

  /** Bars with fromMs ≤ start < toMs, oldest first, as columns (ts = epoch ms UTC bar start). */
  async readColumns(symbol: string, barSize: BarSize, fromMs: EpochMs, toMs: EpochMs): Promise<BarColumns> {
    const [sql, params] = this.rangeQuery(symbol, barSize, fromMs, toMs, COLUMNS, false);
    return this.readQuery(sql, params, `${sql} ORDER BY ts`);
  }

  /** The same bars as `readColumns`, delivered in batches of about `batchRows` without holding them all. */
  async *streamColumns(symbol: string, barSize: BarSize, fromMs: EpochMs, toMs: EpochMs, batchRows = 65_536): AsyncGenerator<BarColumns> {
    const [sql, params] = this.rangeQuery(symbol, barSize, fromMs, toMs);
    // A connection of its own: the consumer may use the store between batches.
    const c = await this.db.instance.connect();
    try {
      let pending: Float64Array[][] = [];
      let rows = 0;
      for await (const chunk of float64Chunks(await c.stream(sql, params))) {
        pending.push(chunk);
        rows += chunk[0]!.length;
        if (rows >= batchRows) {
          yield concat(pending, rows);
          pending = [];
          rows = 0;
        }
      }
      if (rows > 0) yield concat(pending, rows);
    } finally {
      c.closeSync();
    }
  }

  /**
   * Aggregates stored 1-minute bars with fromMs ≤ start < toMs into `to` bars inside DuckDB
   * (see resampleSql: session-anchored buckets, bucket-start labels, short bars at early closes).
   */
  async resample(symbol: string, to: BarSize, fromMs: EpochMs, toMs: EpochMs): Promise<BarColumns> {
    const [source, params] = this.rangeQuery(symbol, '1m', fromMs, toMs, 'ts, open, high, low, "close", volume', false);
    const chunks: Float64Array[][] = [];
    for await (const chunk of float64Chunks(await this.c.run(resampleSql(source, to), params))) chunks.push(chunk);
    return concat(chunks, chunks.reduce((n, c) => n + c[0]!.length, 0));
  }

  /** Every stored (symbol, bar size) series with its bar count, span (epoch ms) and source tags. */
  async series(): Promise<StoredSeries[]> {
    const rows = (
      await this.c.runAndReadAll(`SELECT series_id, s.symbol, s.bar_size, count(*), epoch_ms(min(b.ts)), epoch_ms(max(b.ts)),
          list(DISTINCT src.name ORDER BY src.name)
        FROM bars b JOIN bar_series s USING (series_id) JOIN bar_sources src USING (source_id)
        GROUP BY ALL ORDER BY s.symbol, s.bar_size`)
    ).getRowsJS();
    return rows.map(([seriesId, symbol, barSize, bars, first, last, sources]) => ({
      seriesId: Number(seriesId),
      symbol: String(symbol),
      barSize: String(barSize) as BarSize,
      bars: Number(bars),
      first: Number(first),
      last: Number(last),
      sources: (sources as unknown[]).map(String),
    }));
  }

  /** Per series: span, sessions, complete sessions and missing regular-hours minutes (see SeriesCoverage). */
  async coverage(): Promise<SeriesCoverage[]> {
    const out: SeriesCoverage[] = [];
    for (const s of await this.series()) out.push(await seriesCoverage(this.c, s));
    return out;
  }

  /** How many bars of a series start in [fromMs, toMs), counting only `source` or all but `exceptSource` when given. */
  async countBars(
    symbol: string,
    barSize: BarSize,
    filter: { source?: string; exceptSource?: string; fromMs?: EpochMs; toMs?: EpochMs } = {},
  ): Promise<number> {
    const [sql, params] = this.rangeQuery(symbol, barSize, filter.fromMs ?? -Infinity, filter.toMs ?? Infinity, 'source_id');
    const r = await this.c.runAndReadAll(
      `SELECT count(*) FROM (${sql}) JOIN bar_sources USING (source_id)
       WHERE ($5::VARCHAR IS NULL OR name = $5) AND ($6::VARCHAR IS NULL OR name <> $6)`,
      [...params, filter.source ?? null, filter.exceptSource ?? null],
    );
    return Number(r.getRowsJS()[0]![0]);
  }

  private rangeQuery(symbol: string, barSize: BarSize, fromMs: EpochMs, toMs: EpochMs, columns = COLUMNS, ordered = true): [string, (string | number)[]] {
    return [
      `SELECT ${columns} FROM bars
       WHERE series_id = (SELECT series_id FROM bar_series WHERE symbol = $1 AND bar_size = $2)
         AND ts >= make_timestamp(CAST($3 AS BIGINT) * 1000) AND ts < make_timestamp(CAST($4 AS BIGINT) * 1000)
       ${ordered ? 'ORDER BY ts' : ''}`,
      [symbol, barSize, Math.max(fromMs, MIN_MS), Math.min(toMs, MAX_MS)],
    ];
  }

  /**
   * Runs a query of six DOUBLE columns (ts, open, high, low, close, volume) into BarColumns.
   * `sql` may leave the order open: DuckDB scans in insertion order and ingests append in time
   * order, so the stored order is nearly always right already and the sort (`orderedSql`,
   * ~60 % of a 1M-bar read) runs only when a check of the stamps finds it is not.
   */
  private async readQuery(sql: string, params: (string | number)[], orderedSql: string): Promise<BarColumns> {
    await this.c.run('BEGIN TRANSACTION');
    try {
      const n = Number((await this.c.runAndReadAll(`SELECT count(*) FROM (${sql})`, params)).getRowsJS()[0]![0]);
      const bars = emptyColumns(n);
      const targets = [bars.ts, bars.open, bars.high, bars.low, bars.close, bars.volume];
      let read = await readFloat64Into(await this.c.run(sql, params), targets);
      if (!increasing(bars.ts)) read = await readFloat64Into(await this.c.run(orderedSql, params), targets);
      if (read !== n) throw new Error(`read ${read} bars, counted ${n}`);
      return bars;
    } finally {
      await this.c.run('COMMIT');
    }
  }
}

function increasing(ts: Float64Array): boolean {
  for (let i = 1; i < ts.length; i++) if (!(ts[i]! > ts[i - 1]!)) return false;
  return true;
}

// Bounds that keep make_timestamp in range when callers pass ±Infinity for "everything".
const MIN_MS = -62_135_596_800_000; // 0001-01-01
const MAX_MS = 253_402_300_799_000; // 9999-12-31

function emptyColumns(n: number): BarColumns {
  return {
    ts: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
    length: n,
  };
}

function concat(chunks: Float64Array[][], rows: number): BarColumns {
  const bars = emptyColumns(rows);
  const targets = [bars.ts, bars.open, bars.high, bars.low, bars.close, bars.volume];
  let offset = 0;
  for (const chunk of chunks) {
    for (let c = 0; c < 6; c++) targets[c]!.set(chunk[c]!, offset);
    offset += chunk[0]!.length;
  }
  return bars;
}

const baseName = (file: string) => file.split(/[\\/]/).pop() ?? file;
