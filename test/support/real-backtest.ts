import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backtestStored } from '../../src/backtest/backtest-run.js';
import { defaultSettings, type Settings } from '../../src/config/schema.js';
import { openDatabase } from '../../src/duckdb/database.js';
import type { ReportModel } from '../../src/report/model.js';
import { loadReportModel } from '../../src/report/write-run-report.js';
import { BarStore } from '../../src/venues/history/bar-store.js';
import { sharedFile } from './shared-data.js';

export const REAL_YEAR = 'spy_1min_2024-03-26_2025-04-02.csv.gz';

/**
 * Report models of real backtests: the real SPY year ingested into a fresh store, then one
 * `backtestStored` run per settings tweak, each read back from the journal as `optbot report` does.
 */
export async function realYearReports(...tweaks: ((s: Settings) => void)[]): Promise<ReportModel[]> {
  const db = await openDatabase(join(mkdtempSync(join(tmpdir(), 'optbot-real-')), 'store.duckdb'));
  try {
    const store = await BarStore.fromDatabase(db);
    await store.ingestFiles([sharedFile(REAL_YEAR)], { symbol: 'SPY', barSize: '1m', tz: 'America/New_York', stamp: 'start', onConflict: 'keep' });
    const models: ReportModel[] = [];
    for (const [i, tweak] of tweaks.entries()) {
      const settings = defaultSettings();
      settings.logging.file = '';
      tweak(settings);
      const runId = `real-${i}`;
      await backtestStored({ db, settings, symbol: 'SPY', runId, codeVersion: 'test', now: () => i });
      models.push(await loadReportModel(db, runId));
    }
    return models;
  } finally {
    db.close();
  }
}
