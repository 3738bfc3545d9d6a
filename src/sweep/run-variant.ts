import { marketFor } from '../backtest/market-for.js';
import { runBacktest } from '../backtest/run-backtest.js';
import type { Settings } from '../config/schema.js';
import type { BarColumns } from '../core/bar.js';
import type { EquityColumns } from '../journal/columns.js';
import type { TradeRecord } from '../journal/records.js';
import { computeStatistics, type Statistics } from '../stats/statistics.js';
import { createStrategies } from '../strategy/registry.js';
import { SimBroker } from '../venues/sim/sim-broker.js';
import { OutcomeJournal } from './outcome-journal.js';
import { sliceBars } from './shared-bars.js';
import { recordingStrategies, replayingStrategies, signalKeyOf, type SignalTape } from './signal-tape.js';
import { vixSeriesFor, type VolTable } from './vol-series.js';

export interface VariantRun {
  statistics: Statistics;
  trades: TradeRecord[];
  /** Valid until the runner's next run (copy it to keep it). */
  equity: EquityColumns;
}

/**
 * Runs variants over bars [from, to) of `bars`: each exactly what `optbot backtest` runs
 * (runBacktest with the simulated broker), without the journal write, and its statistics.
 * `vol` holds the volatility closes option pricing reads when `backtest.pricing.iv_source` is
 * "vix". Consecutive variants with the same signal key (./signal-tape.ts) share the signals
 * of the first: it records them, the others replay them instead of running the strategies.
 */
export class VariantRunner {
  private readonly journal = new OutcomeJournal();
  private recorded: { key: string; tape: SignalTape } | null = null;

  constructor(
    private readonly bars: BarColumns,
    private readonly symbol: string,
    private readonly vol: VolTable = {},
  ) {}

  run(settings: Settings, from = 0, to = this.bars.length): VariantRun {
    const journal = this.journal;
    journal.reset();
    const key = signalKeyOf(settings, from, to);
    const strategies = createStrategies(settings);
    const replay = this.recorded?.key === key ? this.recorded.tape : null;
    const tape: SignalTape = { at: [], signals: [] };
    if (!replay) this.recorded = null;
    const { market, paths } = marketFor(settings, vixSeriesFor(settings, this.vol));
    runBacktest({
      settings,
      symbol: this.symbol,
      bars: sliceBars(this.bars, from, to),
      strategies: replay ? replayingStrategies(strategies.map((s) => s.name), replay) : recordingStrategies(strategies, tape),
      market,
      paths,
      broker: SimBroker.fromSettings(settings.backtest, paths),
      journal,
    });
    // A tape counts only once its run has finished: a run that throws leaves none.
    if (!replay) this.recorded = { key, tape };
    const equity = journal.equitySeries;
    return { statistics: computeStatistics(journal.trades, equity, settings.backtest.initial_equity), trades: journal.trades, equity };
  }
}
