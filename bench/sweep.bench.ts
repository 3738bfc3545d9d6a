import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSettings, type Settings } from '../src/config/schema.js';
import { openDatabase } from '../src/duckdb/database.js';
import { parseGrid } from '../src/sweep/grid.js';
import { startSweep } from '../src/sweep/run-sweep.js';
import { BarStore } from '../src/venues/history/bar-store.js';
import { hasSharedData } from '../test/support/shared-data.js';
import { ingestRealYear, insertSynthetic } from '../test/support/real-backtest.js';
import { emit } from './lib/emit.js';

// Sweep throughput over a year of 1-minute bars, at 1 worker and at one per core: each figure is
// a whole sweep (DuckDB load, shared bars, worker start-up, every backtest, the result writes).
// SWEEP_BENCH_VARIANTS sets the variants per worker (default 6); 1,000 variants are extrapolated.
const source = hasSharedData ? 'the real SPY year' : 'a synthetic year (shared data absent)';
const perWorker = Number(process.env.SWEEP_BENCH_VARIANTS ?? 6);
const cores = availableParallelism();
const dir = mkdtempSync(join(tmpdir(), 'optbot-bench-'));
const db = await openDatabase(join(dir, 'bench.duckdb'));
const store = await BarStore.fromDatabase(db);
await (hasSharedData ? ingestRealYear(store) : insertSynthetic(store, { sessions: 252 }));

/** A grid of exactly `n` variants (stop-loss steps × take-profit steps). */
function gridOf(n: number) {
  const stops = Array.from({ length: n }, (_, i) => Number((0.05 + 0.01 * i).toFixed(2)));
  return parseGrid(`risk.stop_loss_pct: [${stops.join(', ')}]\n`, 'bench-grid.yaml');
}

let sweeps = 0;
async function measure(instrument: Settings['backtest']['instrument'], workers: number): Promise<void> {
  const base = defaultSettings();
  base.backtest.instrument = instrument;
  const n = perWorker * workers;
  const o = await startSweep(
    { sweepId: `bench-${++sweeps}`, base, grid: gridOf(n), symbol: 'SPY', objective: 'sharpe', minTrades: 0 },
    { db, workers, codeVersion: 'bench', now: () => 0 },
  );
  const seconds = o.elapsedMs / 1000;
  const variantsPerSecond = o.ran / seconds;
  const label = `${instrument} mode, ${workers} worker${workers > 1 ? 's' : ''}`;
  emit({ name: `sweep.${instrument}.w${workers}.variants`, value: Number(variantsPerSecond.toFixed(2)), unit: 'variants/s', target: workers === cores ? '≥ 33.3 (1,000 in 30 s)' : undefined }, `${label} over ${source}: ${o.ran} variants in ${seconds.toFixed(1)} s = ${variantsPerSecond.toFixed(2)} variants/s (load average ${loadavg()[0]!.toFixed(1)} on ${cores} cores)`);
  emit({ name: `sweep.${instrument}.w${workers}.bar-steps`, value: Math.round(o.barSteps / seconds), unit: 'bar-steps/s' }, `${label}: ${Math.round(o.barSteps / seconds).toLocaleString('en-US')} bar-steps/s (${(o.barSteps / o.ran).toLocaleString('en-US')} bars a variant)`);
  if (workers === cores) {
    emit({ name: `sweep.${instrument}.1000-variants`, value: Math.round(1000 / variantsPerSecond), unit: 's', target: '≤ 30' }, `${label}: 1,000 variants would take about ${Math.round(1000 / variantsPerSecond)} s`);
  }
}

for (const instrument of ['stock', 'option'] as const) {
  try {
    for (const workers of [...new Set([1, cores])]) await measure(instrument, workers);
  } catch (e) {
    process.stdout.write(`  ${instrument} mode not measured: ${(e as Error).message.split('\n')[0]}\n`);
  }
}
db.close();
rmSync(dir, { recursive: true, force: true });
