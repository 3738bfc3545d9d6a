import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backtestStored } from '../src/backtest/backtest-run.js';
import { sessionsBetween } from '../src/calendar/index.js';
import { defaultSettings } from '../src/config/schema.js';
import { openDatabase } from '../src/duckdb/database.js';
import { rehearse } from '../src/runtime/rehearsal.js';
import { BarStore } from '../src/venues/history/bar-store.js';
import { realYearBars } from '../test/support/real-backtest.js';
import { hasSharedData } from '../test/support/shared-data.js';
import { syntheticMinuteBars } from '../src/venues/history/synthetic-sample.js';
import { emit } from './lib/emit.js';

// Rehearsal throughput at --speed max (the run loop, replay feed, state saves with fsync, journal
// flushes, a fresh engine restored from the state store every morning) beside the backtest of
// the same days (bar load, core, one journal write). The gap is the cost of the run loop.
const FROM = '2024-07-01';
const TO = '2024-08-30';
const bars = hasSharedData ? await realYearBars() : syntheticMinuteBars({ sessions: 252 });
const source = hasSharedData ? 'real SPY sessions' : 'a synthetic year (shared data absent)';
const dir = mkdtempSync(join(tmpdir(), 'optbot-bench-'));
const db = await openDatabase(join(dir, 'bench.duckdb'));
const store = await BarStore.fromDatabase(db);
await store.insertBars('SPY', '1m', 'bench', bars, 'replace');
const sessions = sessionsBetween(FROM, TO).length;

let runs = 0;
const best = async (body: () => Promise<unknown>): Promise<number> => {
  let ms = Infinity;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    await body();
    ms = Math.min(ms, performance.now() - start);
  }
  return ms;
};
const rate = (ms: number) => sessions / (ms / 1000);

for (const instrument of ['stock', 'option'] as const) {
  const settings = defaultSettings();
  settings.backtest.instrument = instrument;
  settings.logging.file = '';
  const backtestMs = await best(() => backtestStored({ db, settings, symbol: 'SPY', from: FROM, to: TO, runId: `bt-${++runs}`, codeVersion: 'bench', now: Date.now }));
  const simulateMs = await best(() => rehearse({ db, settings, from: FROM, to: TO, speed: 'max', stateDir: join(dir, `state-${++runs}`), runId: `sim-${runs}`, codeVersion: 'bench', now: Date.now }));
  emit(
    { name: `simulate.backtest.${instrument}`, value: Math.round(rate(backtestMs)), unit: 'sessions/s' },
    `backtest of ${sessions} ${source} (${FROM} → ${TO}), ${instrument} mode: ${rate(backtestMs).toFixed(0)} sessions/s (${Math.round(backtestMs)} ms)`,
  );
  emit(
    { name: `simulate.max.${instrument}`, value: Math.round(rate(simulateMs) * 10) / 10, unit: 'sessions/s', target: '≥ 10' },
    `simulate --speed max of the same days: ${rate(simulateMs).toFixed(1)} sessions/s (${Math.round(simulateMs)} ms, ${(simulateMs / backtestMs).toFixed(1)}× the backtest's time)`,
  );
}
db.close();
rmSync(dir, { recursive: true, force: true });
