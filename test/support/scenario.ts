import { sessionOn } from '../../src/calendar/index.js';
import { defaultSettings, type Settings } from '../../src/config/schema.js';
import type { BarColumns } from '../../src/core/bar.js';
import type { OptionContract } from '../../src/core/option-contract.js';
import type { Action } from '../../src/core/signal.js';
import { MINUTE_MS, type EpochMs } from '../../src/core/time.js';
import { runBacktest, type BacktestOutcome } from '../../src/backtest/run-backtest.js';
import { JournalBuffer } from '../../src/journal/journal-buffer.js';
import { SimBroker } from '../../src/venues/sim/sim-broker.js';
import { LinearOptionMarket } from './linear-option-market.js';
import { scriptedStrategy } from './scripted-strategy.js';

/** One bar as [open, high, low, close]; volume is irrelevant to the scenarios. */
export type Ohlc = readonly [number, number, number, number];

/** `minutes` of a session from its open: minute i is the bar starting at open + i minutes. */
export interface ScenarioDay {
  date: string;
  /** Bars from the open; later minutes have no bar (the driver still ticks to the close). */
  bars: readonly Ohlc[];
  /** Scripted signals at "HH:MM" America/New_York cycle times. */
  signals?: Readonly<Record<string, Action>>;
}

export interface ScenarioResult {
  journal: JournalBuffer;
  outcome: BacktestOutcome;
  market: LinearOptionMarket;
}

/** The hand-computable market of every scenario: mid 2.00 at S = 500, delta 0.5, half-spread 0.02. */
export function scenarioMarket(expiry: string): LinearOptionMarket {
  const contract = (right: 'C' | 'P'): OptionContract => ({ underlying: 'SPY', expiry, strike: 500, right, multiplier: 100 });
  return new LinearOptionMarket(contract('C'), contract('P'), { s0: 500, mid0: 2, delta: 0.5, halfSpread: 0.02 });
}

export const flat = (n: number, price = 500): Ohlc[] => Array.from({ length: n }, () => [price, price, price, price] as const);

/** Runs hand-built days through the real engine, sim broker and driver with a scripted strategy. */
export function runScenario(days: readonly ScenarioDay[], tweak: (s: Settings) => void = () => {}, expiry = '2024-04-05'): ScenarioResult {
  const settings = defaultSettings();
  settings.backtest.slippage_ticks = 0;
  tweak(settings);
  const script = new Map<EpochMs, Action>();
  const rows: { ts: number; bar: Ohlc }[] = [];
  for (const day of days) {
    const s = sessionOn(day.date);
    if (!s) throw new Error(`${day.date} is not a session`);
    day.bars.forEach((bar, i) => rows.push({ ts: s.open + i * MINUTE_MS, bar }));
    for (const [hhmm, action] of Object.entries(day.signals ?? {})) {
      const [h, m] = hhmm.split(':').map(Number) as [number, number];
      script.set(s.open + ((h - 9) * 60 + m - 30) * MINUTE_MS, action);
    }
  }
  const col = (k: number) => Float64Array.from(rows, (r) => r.bar[k]!);
  const bars: BarColumns = {
    ts: Float64Array.from(rows, (r) => r.ts),
    open: col(0),
    high: col(1),
    low: col(2),
    close: col(3),
    volume: new Float64Array(rows.length).fill(1000),
    length: rows.length,
  };
  const market = scenarioMarket(expiry);
  const journal = new JournalBuffer();
  const outcome = runBacktest({
    settings,
    symbol: 'SPY',
    bars,
    strategies: [scriptedStrategy(script)],
    market,
    paths: market,
    broker: SimBroker.fromSettings(settings.backtest, market),
    journal,
  });
  return { journal, outcome, market };
}
