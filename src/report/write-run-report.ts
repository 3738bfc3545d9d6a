import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database } from '../duckdb/database.js';
import { loadRun } from '../journal/journal-reader.js';
import { computeStatistics } from '../stats/statistics.js';
import { reportModelOf } from './journal-model.js';
import { buildRunReport } from './run-report.js';

export const defaultReportPath = (runId: string): string => `reports/${runId}.html`;

/** Builds the HTML report of a journalled run and writes it to `out`; returns the file's size in bytes. */
export async function writeRunReport(db: Database, runId: string, out: string): Promise<number> {
  const data = await loadRun(db, runId);
  const settings = data.run.settings as { backtest?: { initial_equity?: number } };
  const initial = settings.backtest?.initial_equity ?? data.equity.equity[0] ?? NaN;
  const html = buildRunReport(reportModelOf(data, computeStatistics(data.trades, data.equity, initial)));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, html);
  return Buffer.byteLength(html);
}
