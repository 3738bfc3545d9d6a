import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database } from '../duckdb/database.js';
import { loadRun } from '../journal/journal-reader.js';
import { computeStatistics } from '../stats/statistics.js';
import { buildCompareReport } from './compare-report.js';
import { reportModelOf } from './journal-model.js';
import type { ReportModel } from './model.js';
import { buildRunReport } from './run-report.js';

export const defaultReportPath = (runId: string): string => `reports/${runId}.html`;

/** A journalled run as the report shows it, with its statistics computed from the journal. */
export async function loadReportModel(db: Database, runId: string): Promise<ReportModel> {
  const data = await loadRun(db, runId);
  const settings = data.run.settings as { backtest?: { initial_equity?: number } };
  const initial = settings.backtest?.initial_equity ?? data.equity.equity[0] ?? NaN;
  return reportModelOf(data, computeStatistics(data.trades, data.equity, initial));
}

/** Builds the HTML report of a journalled run (or of two runs compared) and writes it; returns its size in bytes. */
export async function writeRunReport(db: Database, runId: string, out: string, compareWith?: string): Promise<number> {
  const model = await loadReportModel(db, runId);
  const html = compareWith === undefined ? buildRunReport(model) : buildCompareReport(model, await loadReportModel(db, compareWith));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, html);
  return Buffer.byteLength(html);
}
