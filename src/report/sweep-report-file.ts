import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database } from '../duckdb/database.js';
import { SweepStore } from '../sweep/sweep-store.js';
import { buildSweepReport } from './sweep-report.js';

export const defaultSweepReportPath = (sweepId: string): string => `reports/${sweepId}.html`;

/** Builds a stored sweep's HTML report and writes it to `out`; returns its size in bytes. */
export async function writeSweepReport(db: Database, sweepId: string, out: string, top = 20): Promise<number> {
  const store = await SweepStore.open(db);
  const summary = await store.summary(sweepId);
  if (!summary) throw new Error(`no sweep ${sweepId} in ${db.path}`);
  const html = buildSweepReport({ summary, results: await store.results(sweepId), walkForward: await store.walkForward(sweepId), top });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, html);
  return Buffer.byteLength(html);
}
