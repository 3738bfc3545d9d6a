import { writeFileSync, mkdirSync } from 'node:fs';
import { buildRunReport } from '../src/report/run-report.js';
import { reportModelFromBars } from '../test/support/report-model.js';
import { hasSharedData, sharedFile } from '../test/support/shared-data.js';
import { readBarsCsv, syntheticBars } from '../test/support/spy-bars.js';
import { emit } from './lib/emit.js';

// A year of 1-minute bars with its trades, signals and equity: the report must build fast and stay small.
const YEAR = 'spy_1min_2024-03-26_2025-04-02.csv.gz';
const bars = hasSharedData ? readBarsCsv(sharedFile(YEAR)) : syntheticBars();
const model = reportModelFromBars(bars, { dataSources: [hasSharedData ? YEAR : 'synthetic'] });
const source = hasSharedData ? 'real SPY year' : 'synthetic year (shared data absent)';

buildRunReport(model); // warm-up: module loading and reading the chart libraries
const runs: number[] = [];
let html = '';
for (let i = 0; i < 3; i++) {
  const start = performance.now();
  html = buildRunReport(model);
  runs.push(performance.now() - start);
}
const ms = Math.min(...runs);
const mb = Buffer.byteLength(html) / 1e6;
if (process.env.REPORT_BENCH_OUT) {
  mkdirSync(process.env.REPORT_BENCH_OUT, { recursive: true });
  writeFileSync(`${process.env.REPORT_BENCH_OUT}/year.html`, html);
}
emit({ name: 'report.build', value: Math.round(ms), unit: 'ms', target: '< 2000' }, `report of a ${source} (${bars.length.toLocaleString('en-US')} bars, ${model.trades.length} trades, ${model.signals.length.toLocaleString('en-US')} signals) built in ${Math.round(ms)} ms`);
emit({ name: 'report.size', value: Math.round(mb * 100) / 100, unit: 'MB', target: '< 10' }, `report file ${mb.toFixed(2)} MB`);
