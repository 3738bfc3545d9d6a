import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { marketFor } from '../src/backtest/market-for.js';
import { newRunId } from '../src/cli/run-id.js';
import { runBacktest } from '../src/backtest/run-backtest.js';
import { defaultSettings, type Settings } from '../src/config/schema.js';
import { openDatabase } from '../src/duckdb/database.js';
import { JournalBuffer } from '../src/journal/journal-buffer.js';
import { writeRun } from '../src/journal/journal-writer.js';
import { createStrategies } from '../src/strategy/registry.js';
import { BarStore } from '../src/venues/history/bar-store.js';
import { SimBroker } from '../src/venues/sim/sim-broker.js';
import { ingestRealYear, insertSynthetic } from '../test/support/real-backtest.js';
import { hasSharedData } from '../test/support/shared-data.js';
import { emit } from './lib/emit.js';

// A whole backtest over a year of 1-minute bars: the core (engine, strategies, simulated broker,
// journal buffer) and the DuckDB journal write, each timed apart, with the DuckDB load of the bars
// measured apart too. Figures are the best of ROUNDS runs: the machine is shared, and the best run
// is the one least disturbed by other processes.
const ROUNDS = 7;
const source = hasSharedData ? 'the real SPY year' : 'a synthetic year (shared data absent)';
const dir = mkdtempSync(join(tmpdir(), 'optbot-bench-'));
const db = await openDatabase(join(dir, 'bench.duckdb'));

const store = await BarStore.fromDatabase(db);
await (hasSharedData ? ingestRealYear(store) : insertSynthetic(store, { sessions: 252 }));
const loadStart = performance.now();
// A finite range holding every stored bar: the journal refers to the store by the read's range.
const [from, to] = [0, Date.UTC(2100, 0, 1)];
const loaded = await store.readColumns('SPY', '1m', from, to);
const loadMs = performance.now() - loadStart;
emit({ name: 'backtest.load', value: Math.round(loadMs), unit: 'ms' }, `DuckDB load of ${loaded.length.toLocaleString('en-US')} bars into typed arrays: ${Math.round(loadMs)} ms`);

const perSecond = (ms: number): number => Math.round(loaded.length / (ms / 1000));
const fmt = (n: number): string => n.toLocaleString('en-US');

async function measure(instrument: Settings['backtest']['instrument'], target: number): Promise<void> {
  const settings = defaultSettings();
  settings.backtest.instrument = instrument;
  let core = Infinity;
  let coreCpu = Infinity;
  let write = Infinity;
  let totalSum = 0;
  let trades = 0;
  let rows = 0;
  let writeSum = 0;
  let journal = new JournalBuffer();
  const runRecord = () => ({ runId: newRunId('bt'), mode: 'backtest' as const, settings, symbols: ['SPY'], instrument, dataFrom: from, dataTo: to, dataSources: ['bench'], codeVersion: 'bench', startedAt: 0, endedAt: null });
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    journal = new JournalBuffer(loaded.length);
    journal.storedBars('SPY', '1m', from, to, loaded);
    const { market, paths } = marketFor(settings);
    runBacktest({ settings, symbol: 'SPY', bars: loaded, strategies: createStrategies(settings), market, paths, broker: SimBroker.fromSettings(settings.backtest, paths), journal });
    const used = process.cpuUsage(cpu);
    const ran = performance.now();
    const counts = await writeRun(db, runRecord(), journal, 0);
    const end = performance.now();
    core = Math.min(core, ran - start);
    coreCpu = Math.min(coreCpu, (used.user + used.system) / 1000);
    write = Math.min(write, end - ran);
    writeSum += end - ran;
    totalSum += end - start;
    trades = journal.trades.length;
    rows = Object.values(counts).reduce((a, b) => a + b, 0);
  }
  // The best write can be one that left its data in the WAL for a later checkpoint (DuckDB's
  // automatic one at 16 MB of WAL, or the one at close) to compress and store: the amortised
  // figure charges every round its share of all the checkpoints, the final one included.
  const checkpointStart = performance.now();
  await db.connection.run('CHECKPOINT');
  const checkpointMs = performance.now() - checkpointStart;
  const amortised = (writeSum + checkpointMs) / ROUNDS;
  // The headline is what a run costs on average, the way `optbot backtest` pays it: core, write
  // and its share of the checkpoints (a CLI run pays one when it closes the file).
  const whole = (totalSum + checkpointMs) / ROUNDS;
  emit(
    { name: `backtest.${instrument}`, value: perSecond(whole), unit: 'bars/s', target: `≥ ${fmt(target)}` },
    `${instrument} mode over ${source}: ${fmt(perSecond(whole))} bars/s for the whole run, journal write and its share of DuckDB's checkpoints included (${Math.round(whole)} ms, mean of ${ROUNDS}; ${trades} trades)`,
  );
  emit(
    { name: `backtest.${instrument}.core`, value: perSecond(core), unit: 'bars/s' },
    `  core alone (engine, strategies, broker, journal buffer): ${fmt(perSecond(core))} bars/s (${Math.round(core)} ms; ${Math.round(coreCpu)} ms of CPU)`,
  );
  emit({ name: `backtest.${instrument}.write`, value: Math.round(write), unit: 'ms' }, `  journal write to DuckDB alone: ${Math.round(write)} ms for ${fmt(rows)} rows (bars by reference)`);
  emit(
    { name: `backtest.${instrument}.write.amortised`, value: Math.round(amortised), unit: 'ms' },
    `  journal write with its share of DuckDB's checkpoints, mean of ${ROUNDS}: ${Math.round(amortised)} ms`,
  );
  // What one run's commit puts in the WAL, which the commit writes and a checkpoint compresses: a
  // figure free of the machine's noise (measured with the automatic checkpoint held off).
  await db.connection.run("SET checkpoint_threshold = '1TB'");
  await writeRun(db, runRecord(), journal, 0);
  const walMb = statSync(`${db.path}.wal`).size / 1e6;
  await db.connection.run('RESET checkpoint_threshold');
  await db.connection.run('CHECKPOINT');
  emit({ name: `backtest.${instrument}.write.wal`, value: Number(walMb.toFixed(2)), unit: 'MB' }, `  WAL written by one run's journal: ${walMb.toFixed(2)} MB`);
}

await measure('stock', 5_000_000);
await measure('option', 2_000_000);
db.close();
rmSync(dir, { recursive: true, force: true });
