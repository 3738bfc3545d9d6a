import { mkdirSync, writeFileSync } from 'node:fs';
import { buildRunReport } from '../src/report/run-report.js';
import { realYearReports, syntheticReports } from '../test/support/real-backtest.js';
import { hasSharedData } from '../test/support/shared-data.js';
import { emit } from './lib/emit.js';

// The report of a real backtest's journal over a year of 1-minute bars (default settings, option
// mode), read back as `optbot report` reads it: the report must build fast and stay small.
const [model] = hasSharedData ? await realYearReports(() => {}) : await syntheticReports({ sessions: 252 }, () => {});
if (!model) throw new Error('report bench: the backtest gave no run');
const source = hasSharedData ? 'real SPY year' : 'synthetic year (shared data absent)';
const bars = model.bars.reduce((n, s) => n + s.bars.length, 0);

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
emit(
  { name: 'report.build', value: Math.round(ms), unit: 'ms', target: '< 2000' },
  `report of a backtest of the ${source} (${bars.toLocaleString('en-US')} bars, ${model.trades.length.toLocaleString('en-US')} trades, ${model.signals.length.toLocaleString('en-US')} signals, ${model.riskDecisions.length.toLocaleString('en-US')} risk decisions) built in ${Math.round(ms)} ms`,
);
emit({ name: 'report.size', value: Math.round(mb * 100) / 100, unit: 'MB', target: '< 10' }, `report file ${mb.toFixed(2)} MB`);
