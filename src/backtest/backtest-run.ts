import type { Settings } from '../config/schema.js';
import type { EpochMs, TradingDate } from '../core/time.js';
import { barClosesSeries, type IvSeries } from '../options/iv-source.js';
import type { Database } from '../duckdb/database.js';
import { JournalBuffer } from '../journal/journal-buffer.js';
import type { RunRecord } from '../journal/records.js';
import { writeRun } from '../journal/journal-writer.js';
import { createLogger } from '../logging/create-logger.js';
import { computeStatistics, type Statistics } from '../stats/statistics.js';
import { createStrategies } from '../strategy/registry.js';
import { BarStore } from '../venues/history/bar-store.js';
import { SimBroker } from '../venues/sim/sim-broker.js';
import { loadSessionBars } from './load-range.js';
import { marketFor } from './market-for.js';
import { runBacktest } from './run-backtest.js';
import { readVixBars } from './vix-bars.js';

export interface StoredBacktestRequest {
  db: Database;
  settings: Settings;
  symbol: string;
  from?: TradingDate;
  to?: TradingDate;
  runId: string;
  codeVersion: string;
  /** Wall clock, for the run row's start and end only (never seen by the core). */
  now: () => number;
  /** Echo the run's log lines on the console (they always go to the log file and the journal). */
  consoleLog?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface StoredBacktestResult {
  run: RunRecord;
  statistics: Statistics;
  bars: number;
  /** Milliseconds spent loading bars from DuckDB, running the core, and writing the journal. */
  timings: { load: number; run: number; write: number };
}

/** `optbot backtest`: bars from the store, the core with the simulated broker, the journal back into the store. */
export async function backtestStored(req: StoredBacktestRequest): Promise<StoredBacktestResult> {
  const { settings, symbol, now } = req;
  const startedAt = now();
  const t0 = performance.now();
  const store = await BarStore.fromDatabase(req.db);
  const loaded = await loadSessionBars(store, symbol, req.from, req.to);
  const vix = settings.backtest.instrument === 'option' && settings.backtest.pricing.iv_source === 'vix' ? await loadVix(store, settings, loaded.from, loaded.to) : undefined;
  store.close();
  const t1 = performance.now();

  const journal = new JournalBuffer();
  const log = createLogger(settings, req.runId, { now, console: req.consoleLog ?? false, extraSinks: [journal] });
  log.info('backtest.start', `${symbol} ${loaded.bars.length} bars, ${settings.backtest.instrument} mode`, { symbol, bars: loaded.bars.length });
  journal.storedBars(symbol, '1m', loaded.from, loaded.to, loaded.bars);
  const { market, paths } = marketFor(settings, vix);
  const outcome = runBacktest({
    settings,
    symbol,
    bars: loaded.bars,
    strategies: createStrategies(settings),
    market,
    paths,
    broker: SimBroker.fromSettings(settings.backtest, paths),
    journal,
    onProgress: req.onProgress,
  });
  const t2 = performance.now();

  const run: RunRecord = {
    runId: req.runId,
    mode: 'backtest',
    settings,
    symbols: [symbol],
    instrument: settings.backtest.instrument,
    dataFrom: loaded.from,
    dataTo: loaded.to,
    dataSources: loaded.sources,
    codeVersion: req.codeVersion,
    startedAt,
    endedAt: null,
  };
  log.info('backtest.done', `${outcome.bars} bars, ${journal.trades.length} trades`, { bars: outcome.bars, trades: journal.trades.length, equity: outcome.finalEquity });
  log.close();
  await writeRun(req.db, run, journal, now());
  const t3 = performance.now();
  return {
    run,
    statistics: computeStatistics(journal.trades, journal.tables().equity, settings.backtest.initial_equity),
    bars: outcome.bars,
    timings: { load: t1 - t0, run: t2 - t1, write: t3 - t2 },
  };
}

/** The stored VIX closes as a known-at-t volatility series. */
export async function loadVix(store: BarStore, settings: Settings, from: EpochMs, to: EpochMs): Promise<IvSeries> {
  const vix = settings.backtest.pricing.vix;
  const bars = await readVixBars(store, vix, from, to);
  return barClosesSeries(bars.ts, bars.close, vix.bar_size);
}
