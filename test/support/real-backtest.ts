import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backtestStored } from '../../src/backtest/backtest-run.js';
import type { BarColumns } from '../../src/core/bar.js';
import { defaultSettings, type Settings } from '../../src/config/schema.js';
import { openDatabase } from '../../src/duckdb/database.js';
import type { ReportModel } from '../../src/report/model.js';
import { loadReportModel } from '../../src/report/write-run-report.js';
import { BarStore } from '../../src/venues/history/bar-store.js';
import { SYNTHETIC_SOURCE, syntheticMinuteBars, type SyntheticSampleOptions } from '../../src/venues/history/synthetic-sample.js';
import { sharedFile } from './shared-data.js';

export const REAL_YEAR = 'spy_1min_2024-03-26_2025-04-02.csv.gz';

type Tweak = (s: Settings) => void;

/**
 * Report models of real backtests, the path of `optbot backtest` then `optbot report`: SPY bars put
 * into a fresh store by `fill`, then one `backtestStored` run per settings tweak (run ids `run-0`,
 * `run-1`, …), each read back from the journal.
 */
async function backtestReports(fill: (store: BarStore) => Promise<unknown>, tweaks: readonly Tweak[]): Promise<ReportModel[]> {
  const dir = mkdtempSync(join(tmpdir(), 'optbot-report-'));
  const db = await openDatabase(join(dir, 'store.duckdb'));
  try {
    const store = await BarStore.fromDatabase(db);
    await fill(store);
    store.close();
    const models: ReportModel[] = [];
    for (const [i, tweak] of tweaks.entries()) {
      const settings = defaultSettings();
      settings.logging.file = '';
      tweak(settings);
      const runId = `run-${i}`;
      await backtestStored({ db, settings, symbol: 'SPY', runId, codeVersion: 'test', now: () => i });
      models.push(await loadReportModel(db, runId));
    }
    return models;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The real SPY year (shared data) into the store, through the file ingest `optbot ingest` uses. */
export const ingestRealYear = (store: BarStore): Promise<unknown> =>
  store.ingestFiles([sharedFile(REAL_YEAR)], { symbol: 'SPY', barSize: '1m', tz: 'America/New_York', stamp: 'start', onConflict: 'keep' });

/** Sessions of the synthetic sample into the store as SPY, tagged synthetic, as `optbot data sample` does. */
export const insertSynthetic = (store: BarStore, sample: Partial<SyntheticSampleOptions>): Promise<unknown> =>
  store.insertBars('SPY', '1m', SYNTHETIC_SOURCE, syntheticMinuteBars(sample), 'replace');

/** Backtests of the real SPY year, one per tweak. */
export const realYearReports = (...tweaks: Tweak[]): Promise<ReportModel[]> => backtestReports(ingestRealYear, tweaks);

/** Backtests of a few sessions of the synthetic sample (fast, no shared data needed), one per tweak. */
export const syntheticReports = (sample: Partial<SyntheticSampleOptions>, ...tweaks: Tweak[]): Promise<ReportModel[]> =>
  backtestReports((store) => insertSynthetic(store, sample), tweaks);

/** The real SPY year as columns, read back through a temporary store exactly as a backtest loads it. */
export async function realYearBars(): Promise<BarColumns> {
  const dir = mkdtempSync(join(tmpdir(), 'optbot-bars-'));
  const db = await openDatabase(join(dir, 'store.duckdb'));
  try {
    const store = await BarStore.fromDatabase(db);
    await ingestRealYear(store);
    return await store.readColumns('SPY', '1m', -Infinity, Infinity);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
