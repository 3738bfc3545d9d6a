import { sessionAt } from '../calendar/index.js';
import type { Settings } from '../config/schema.js';
import type { Bar, BarColumns } from '../core/bar.js';
import { MINUTE_MS, type EpochMs } from '../core/time.js';
import type { Command } from '../engine/commands.js';
import { Engine } from '../engine/engine.js';
import type { BarClosed, EngineEvent, TimerTicked } from '../engine/events.js';
import type { MarketView } from '../engine/market-view.js';
import type { JournalSink } from '../journal/records.js';
import { MemoryDailyStateStore } from '../risk/daily-state.js';
import type { Strategy } from '../strategy/strategy.js';
import type { SimBroker } from '../venues/sim/sim-broker.js';

/** A source of bar-internal prices that the driver feeds with each underlying bar. */
export interface UnderlyingFed {
  setBar(symbol: string, ts: EpochMs, open: number, high: number, low: number, close: number): void;
}

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
 * flatten times and expiries happen even on gappy data.
 */
export function runBacktest(p: BacktestParts): BacktestOutcome {
  const engine = new Engine(p.settings, { strategies: p.strategies, market: p.market, journal: p.journal, dailyState: new MemoryDailyStateStore() });
  const { bars, broker, symbol } = p;
  // One event object of each kind, refilled per bar: the engine never keeps events.
  const bar: Bar = { ts: 0, open: 0, high: 0, low: 0, close: 0, volume: 0 };
  const closed: BarClosed = { type: 'BarClosed', symbol, bar };
  const tick: TimerTicked = { type: 'TimerTicked', ts: 0 };

  const feed = (events: readonly EngineEvent[]) => {
    for (const e of events) engine.handle(e);
  };
  const execute = (commands: readonly Command[]) => {
    for (const c of commands) feed(c.type === 'Flatten' && c.reason === 'expiry' ? broker.settleExpiry(c.order, lastClose, c.ts) : broker.submit(c));
  };
  const tickAt = (t: EpochMs) => {
    tick.ts = t;
    execute(engine.handle(tick));
  };

  let lastClose = NaN;
  // The session being replayed: minutes are ticked from its open to its close.
  let lastTick = 0;
  let sessionClose = 0;
  const finishSession = () => {
    for (let t = lastTick + MINUTE_MS; t <= sessionClose; t += MINUTE_MS) tickAt(t);
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
    for (let t = lastTick + MINUTE_MS; t <= ts; t += MINUTE_MS) tickAt(t);
    p.paths.setBar(symbol, ts, bars.open[i]!, bars.high[i]!, bars.low[i]!, bars.close[i]!);
    feed(broker.onBar(ts, ts + MINUTE_MS));
    bar.ts = ts;
    bar.open = bars.open[i]!;
    bar.high = bars.high[i]!;
    bar.low = bars.low[i]!;
    bar.close = lastClose = bars.close[i]!;
    bar.volume = bars.volume[i]!;
    engine.handle(closed);
    tickAt((lastTick = ts + MINUTE_MS));
    if (p.onProgress && (i + 1) % every === 0) p.onProgress(i + 1, n);
  }
  finishSession();
  p.onProgress?.(n, n);
  return { bars: n, finalEquity: engine.equity };
}
