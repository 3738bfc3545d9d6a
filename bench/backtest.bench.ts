import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { marketFor } from '../src/backtest/market-for.js';
import { runBacktest } from '../src/backtest/run-backtest.js';
import { defaultSettings, type Settings } from '../src/config/schema.js';
import { openDatabase } from '../src/duckdb/database.js';
import { JournalBuffer } from '../src/journal/journal-buffer.js';
import { writeRun } from '../src/journal/journal-writer.js';
import { createStrategies } from '../src/strategy/registry.js';
import { BarStore } from '../src/venues/history/bar-store.js';
import { SimBroker } from '../src/venues/sim/sim-broker.js';
import { hasSharedData, sharedFile } from '../test/support/shared-data.js';
import { readBarsCsv, syntheticBars } from '../test/support/spy-bars.js';
import { emit } from './lib/emit.js';

// A whole backtest over a year of 1-minute bars: the core, the simulated broker and the journal
// write, with the DuckDB load of the bars measured apart.
const YEAR = 'spy_1min_2024-03-26_2025-04-02.csv.gz';
const bars = hasSharedData ? readBarsCsv(sharedFile(YEAR)) : syntheticBars();
const source = hasSharedData ? 'the real SPY year' : 'a synthetic year (shared data absent)';
const dir = mkdtempSync(join(tmpdir(), 'optbot-bench-'));
const db = await openDatabase(join(dir, 'bench.duckdb'));

const store = await BarStore.fromDatabase(db);
await store.insertBars('SPY', '1m', 'bench', bars, 'replace');
const loadStart = performance.now();
const loaded = await store.readColumns('SPY', '1m', bars.ts[0]!, bars.ts[bars.length - 1]! + 60_000);
const loadMs = performance.now() - loadStart;
emit({ name: 'backtest.load', value: Math.round(loadMs), unit: 'ms' }, `DuckDB load of ${loaded.length.toLocaleString('en-US')} bars into typed arrays: ${Math.round(loadMs)} ms`);

async function measure(instrument: Settings['backtest']['instrument'], target: number): Promise<void> {
  const settings = defaultSettings();
  settings.backtest.instrument = instrument;
  let best = Infinity;
  let trades = 0;
  for (let i = 0; i < 4; i++) {
    const start = performance.now();
    const journal = new JournalBuffer();
    journal.bars('SPY', loaded);
    const { market, paths } = marketFor(settings);
    runBacktest({ settings, symbol: 'SPY', bars: loaded, strategies: createStrategies(settings), market, paths, broker: SimBroker.fromSettings(settings.backtest, paths), journal });
    const run = { runId: `bench-${instrument}-${i}`, mode: 'backtest' as const, settings, symbols: ['SPY'], instrument, dataFrom: 0, dataTo: 0, dataSources: ['bench'], codeVersion: 'bench', startedAt: 0, endedAt: null };
    await writeRun(db, run, journal, 0);
    best = Math.min(best, performance.now() - start);
    trades = journal.trades.length;
  }
  const rate = loaded.length / (best / 1000);
  emit(
    { name: `backtest.${instrument}`, value: Math.round(rate), unit: 'bars/s', target: `≥ ${target.toLocaleString('en-US')}` },
    `${instrument} mode over ${source}: ${Math.round(rate).toLocaleString('en-US')} bars/s including the journal write (${Math.round(best)} ms, ${trades} trades)`,
  );
}

await measure('stock', 5_000_000);
await measure('option', 2_000_000);
db.close();
rmSync(dir, { recursive: true, force: true });
