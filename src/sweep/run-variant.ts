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
import { emptyTrack, recordingStrategy, replayingStrategy, signalKeyOf, type SignalTrack } from './signal-tape.js';
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
 * "vix". A strategy whose signal key (./signal-tape.ts) equals the one of its previous recorded
 * run replays the signals that run recorded instead of updating its indicators again.
 */
export class VariantRunner {
  private readonly journal = new OutcomeJournal();
  /** The last complete recording of each strategy, by name. */
  private readonly tracks = new Map<string, { key: string; track: SignalTrack }>();

  constructor(
    private readonly bars: BarColumns,
    private readonly symbol: string,
    private readonly vol: VolTable = {},
  ) {}

  /** `shared`: the strategies worth recording, those whose signals a later run replays (all when omitted). */
  run(settings: Settings, from = 0, to = this.bars.length, shared?: readonly string[]): VariantRun {
    const journal = this.journal;
    journal.reset();
    const recording: { name: string; key: string; track: SignalTrack }[] = [];
    const strategies = createStrategies(settings).map((strategy) => {
      const key = signalKeyOf(settings, strategy.name, from, to);
      const recorded = this.tracks.get(strategy.name);
      if (recorded?.key === key) return replayingStrategy(strategy.name, recorded.track);
      if (shared && !shared.includes(strategy.name)) return strategy;
      const track = emptyTrack();
      recording.push({ name: strategy.name, key, track });
      this.tracks.delete(strategy.name);
      return recordingStrategy(strategy, track);
    });
    const { market, paths } = marketFor(settings, vixSeriesFor(settings, this.vol));
    runBacktest({
      settings,
      symbol: this.symbol,
      bars: sliceBars(this.bars, from, to),
      strategies,
      market,
      paths,
      broker: SimBroker.fromSettings(settings.backtest, paths),
      journal,
    });
    // A track counts only once its run has finished: a run that throws leaves none.
    for (const { name, key, track } of recording) this.tracks.set(name, { key, track });
    const equity = journal.equitySeries;
    return { statistics: computeStatistics(journal.trades, equity, settings.backtest.initial_equity), trades: journal.trades, equity };
  }
}
