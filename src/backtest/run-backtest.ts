import { sessionAt } from '../calendar/index.js';
import type { Settings } from '../config/schema.js';
import type { BarColumns } from '../core/bar.js';
import { MINUTE_MS } from '../core/time.js';
import { Engine } from '../engine/engine.js';
import type { MarketView } from '../engine/market-view.js';
import type { JournalSink } from '../journal/records.js';
import { MemoryDailyStateStore } from '../risk/daily-state.js';
import { MinuteStepper, type UnderlyingFed } from '../runtime/minute-step.js';
import type { Strategy } from '../strategy/strategy.js';
import type { SimBroker } from '../venues/sim/sim-broker.js';

export type { UnderlyingFed };

export interface BacktestParts {
  settings: Settings;
  symbol: string;
  /** 1-minute bars of `symbol`, ascending. */
  bars: BarColumns;
  strategies: readonly Strategy[];
  market: MarketView;
  paths: UnderlyingFed;
  broker: SimBroker;
  journal: JournalSink;
  /** Called every `progressEvery` bars with the count done. */
  onProgress?: (done: number, total: number) => void;
}

export interface BacktestOutcome {
  bars: number;
  finalEquity: number;
}

/**
 * The backtest: the history venue's bars, the simulated broker and the engine in one loop, as
 * fast as the CPU allows. Each bar is (1) traded through by the broker, (2) closed in the
 * engine, (3) followed by the minute tick at its close, whose commands go back to the broker.
 * Ticks also cover minutes without a bar and the rest of a session whose data ends early, so
 * flatten times and expiries happen even on gappy data. Each minute is one `MinuteStepper` step,
 * the same the rehearsal's run loop takes.
 */
export function runBacktest(p: BacktestParts): BacktestOutcome {
  const engine = new Engine(p.settings, { strategies: p.strategies, market: p.market, journal: p.journal, dailyState: new MemoryDailyStateStore() });
  const { bars, symbol } = p;
  const step = new MinuteStepper(engine, p.broker, p.paths);
  // The session being replayed: minutes are ticked from its open to its close.
  let lastTick = 0;
  let sessionClose = 0;
  const finishSession = () => {
    for (let t = lastTick + MINUTE_MS; t <= sessionClose; t += MINUTE_MS) step.tickAt(t);
  };
  const n = bars.length;
  const every = 8192;
  for (let i = 0; i < n; i++) {
    const ts = bars.ts[i]!;
    if (ts >= sessionClose) {
      // A new session: finish the previous one's minutes, then start this one's.
      finishSession();
      const s = sessionAt(ts);
      sessionClose = s ? s.close : ts + MINUTE_MS;
      lastTick = s ? s.open : ts;
    }
    for (let t = lastTick + MINUTE_MS; t <= ts; t += MINUTE_MS) step.tickAt(t);
    lastTick = ts + MINUTE_MS;
    step.stepOne(lastTick, symbol, bars, i);
    if (p.onProgress && (i + 1) % every === 0) p.onProgress(i + 1, n);
  }
  finishSession();
  p.onProgress?.(n, n);
  return { bars: n, finalEquity: engine.equity };
}
