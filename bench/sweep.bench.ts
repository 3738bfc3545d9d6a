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

// Sweep throughput over a year of 1-minute bars, at 1 worker and at one per core. Each figure is
// a whole sweep (shared bars, worker start-up, every backtest, the result writes; the DuckDB load
// before it is not timed). Start-up (thread start, module load, the first variant's cold JIT) is
// reported apart from the steady rate, and 1,000 variants are extrapolated as start-up + 1,000 at
// the steady rate. The grid is the README's shape (GRIDS.mixed); in stock mode a grid of strategy
// thresholds alone is measured too. SWEEP_BENCH_VARIANTS sets the variants per worker (default 40).
const source = hasSharedData ? 'the real SPY year' : 'a synthetic year (shared data absent)';
const perWorker = Number(process.env.SWEEP_BENCH_VARIANTS ?? 40);
const cores = availableParallelism();
const dir = mkdtempSync(join(tmpdir(), 'optbot-bench-'));
const db = await openDatabase(join(dir, 'bench.duckdb'));
const store = await BarStore.fromDatabase(db);
await (hasSharedData ? ingestRealYear(store) : insertSynthetic(store, { sessions: 252 }));

/** `n` values from `from` by `step`. */
const steps = (n: number, from: number, step: number) => Array.from({ length: n }, (_, i) => Number((from + step * i).toFixed(4))).join(', ');

/**
 * Grids of `n` variants (a multiple of 4). "mixed": 4 rsi_buy_max values × n/4 stop losses, so
 * variants share the signals of their rsi_buy_max; "scalp": 4 rsi_buy_max values × n/4
 * min_confidence values, every variant with signals of its own (the whale's are still shared).
 */
const GRIDS = {
  mixed: (n: number) => `strategy.scalp.rsi_buy_max: [60, 65, 70, 75]\nrisk.stop_loss_pct: [${steps(n / 4, 0.05, 0.005)}]\n`,
  scalp: (n: number) => `strategy.scalp.rsi_buy_max: [60, 65, 70, 75]\nstrategy.scalp.min_confidence: [${steps(n / 4, 0.3, 0.005)}]\n`,
};

let sweeps = 0;
async function measure(instrument: Settings['backtest']['instrument'], workers: number, grid: keyof typeof GRIDS = 'mixed'): Promise<void> {
  const base = defaultSettings();
  base.backtest.instrument = instrument;
  // Finish times of the jobs, from the start of the sweep.
  const finished: number[] = [];
  let start = 0;
  const cpu = process.cpuUsage();
  const o = await startSweep(
    { sweepId: `bench-${++sweeps}`, base, grid: parseGrid(GRIDS[grid](4 * Math.ceil(perWorker * workers / 4)), 'bench-grid.yaml'), symbol: 'SPY', objective: 'sharpe', minTrades: 0 },
    { db, workers, codeVersion: 'bench', now: () => 0, onProgress: (done) => (done === 0 ? (start = performance.now()) : finished.push(performance.now() - start)) },
  );
  const used = process.cpuUsage(cpu);
  const seconds = o.elapsedMs / 1000;
  const wholeRate = o.ran / seconds;
  // Start-up: until every worker has delivered its first (cold) variant; steady: the rest.
  const startup = finished[workers - 1]! / 1000;
  const steadyRate = (o.ran - workers) / (finished.at(-1)! / 1000 - startup);
  const cpuCores = (used.user + used.system) / 1e6 / seconds;
  const label = `${instrument} mode, ${workers} worker${workers > 1 ? 's' : ''}${grid === 'mixed' ? '' : `, ${grid}-threshold grid`}`;
  const name = `sweep.${instrument}${grid === 'mixed' ? '' : `.${grid}-grid`}.w${workers}`;
  const all = workers === cores;
  emit(
    { name: `${name}.variants`, value: Number(steadyRate.toFixed(2)), unit: 'variants/s', target: all ? '≥ 33.3 (1,000 in 30 s)' : undefined },
    `${label} over ${source}: ${steadyRate.toFixed(2)} variants/s after start-up; the whole sweep of ${o.ran} variants took ${seconds.toFixed(1)} s = ${wholeRate.toFixed(2)} variants/s`,
  );
  emit(
    { name: `${name}.bar-steps`, value: Math.round(steadyRate * (o.barSteps / o.ran)), unit: 'bar-steps/s' },
    `${label}: ${Math.round(steadyRate * (o.barSteps / o.ran)).toLocaleString('en-US')} bar-steps/s after start-up (${(o.barSteps / o.ran).toLocaleString('en-US')} bars a variant)`,
  );
  emit(
    { name: `${name}.startup`, value: Number(startup.toFixed(2)), unit: 's' },
    `${label}: ${startup.toFixed(2)} s until every worker delivered its first variant (thread start, module load, cold JIT)`,
  );
  // CPU per variant varies less with the machine's load than the rates above (others' jobs share the cores).
  const cpuMsPerVariant = (used.user + used.system) / 1000 / o.ran;
  emit(
    { name: `${name}.cpu`, value: Number(cpuCores.toFixed(2)), unit: 'cores' },
    `${label}: the process got ${cpuCores.toFixed(2)} cores on average (load average ${loadavg()[0]!.toFixed(1)} on ${cores} cores), ${cpuMsPerVariant.toFixed(0)} ms of CPU a variant (all threads, start-up included)`,
  );
  if (all) {
    const thousand = startup + 1000 / steadyRate;
    const stem = name.replace(/\.w\d+$/, '');
    emit({ name: `${stem}.1000-variants`, value: Math.round(thousand), unit: 's', target: '≤ 30' }, `${label}: 1,000 variants would take about ${Math.round(thousand)} s`);
    // What the same CPU per variant gives when the cores are the sweep's alone.
    const free = cpuMsPerVariant / cores; // 1,000 variants × ms ÷ 1,000 = s
    emit({ name: `${stem}.1000-variants-free-cores`, value: Math.round(free), unit: 's' }, `${label}: 1,000 variants on ${cores} free cores at that CPU per variant: about ${Math.round(free)} s`);
  }
}

for (const instrument of ['stock', 'option'] as const) {
  try {
    for (const workers of [...new Set([1, cores])]) await measure(instrument, workers);
    if (instrument === 'stock') await measure(instrument, cores, 'scalp');
  } catch (e) {
    process.stdout.write(`  ${instrument} mode not measured: ${(e as Error).message.split('\n')[0]}\n`);
  }
}
db.close();
rmSync(dir, { recursive: true, force: true });
