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
import { vixSeriesFor, type VolTable } from './vol-series.js';

export interface VariantRun {
  statistics: Statistics;
  trades: TradeRecord[];
  equity: EquityColumns;
}

/**
 * The part of a journal a variant's statistics need: trades and equity. Signals, risk decisions,
 * orders, fills and marks are dropped as they come, so a sweep does not keep (and the collector
 * does not copy) a year of reason text per variant.
 */
class OutcomeJournal extends JournalBuffer {
  override signal(): void {}
  override risk(): void {}
  override order(): void {}
  override fill(): void {}
  override mark(): void {}
}

/**
 * One variant over `bars`: exactly what `optbot backtest` runs (runBacktest with the simulated
 * broker into an in-memory journal), without the journal write, and its statistics. `vol` holds
 * the volatility closes option pricing reads when `backtest.pricing.iv_source` is "vix".
 */
export function runVariant(settings: Settings, symbol: string, bars: BarColumns, vol: VolTable = {}): VariantRun {
  const journal = new OutcomeJournal(bars.length);
  const { market, paths } = marketFor(settings, vixSeriesFor(settings, vol));
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
