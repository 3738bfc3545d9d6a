import { marketFor } from '../backtest/market-for.js';
import { runBacktest } from '../backtest/run-backtest.js';
import type { Settings } from '../config/schema.js';
import type { BarColumns } from '../core/bar.js';
import type { EquityColumns } from '../journal/columns.js';
import { JournalBuffer } from '../journal/journal-buffer.js';
import type { TradeRecord } from '../journal/records.js';
import { computeStatistics, type Statistics } from '../stats/statistics.js';
import { createStrategies } from '../strategy/registry.js';
import { SimBroker } from '../venues/sim/sim-broker.js';

export interface VariantRun {
  statistics: Statistics;
  trades: TradeRecord[];
  equity: EquityColumns;
}

/**
 * One variant over `bars`: exactly what `optbot backtest` runs (runBacktest with the simulated
 * broker into an in-memory journal), without the journal write, and its statistics.
 */
export function runVariant(settings: Settings, symbol: string, bars: BarColumns): VariantRun {
  const journal = new JournalBuffer(bars.length);
  const { market, paths } = marketFor(settings);
  runBacktest({
    settings,
    symbol,
    bars,
    strategies: createStrategies(settings),
    market,
    paths,
    broker: SimBroker.fromSettings(settings.backtest, paths),
    journal,
  });
  const equity = journal.equitySeries;
  return { statistics: computeStatistics(journal.trades, equity, settings.backtest.initial_equity), trades: journal.trades, equity };
}
