import { sessionOrdinal } from '../../src/calendar/index.js';
import { readBar, type Bar } from '../../src/core/bar.js';
import type { Signal } from '../../src/core/signal.js';
import { MINUTE_MS } from '../../src/core/time.js';
import type { SessionRef, Strategy } from '../../src/strategy/index.js';
import type { MinuteSeries } from './spy-minutes.js';

export const CYCLE_MS = 5 * MINUTE_MS;

/** Bars [from, to) of a series with each bar's session as the calendar tells it. */
export interface Replay {
  bars: MinuteSeries;
  sessions: SessionRef[];
}

export function withSessions(bars: MinuteSeries): Replay {
  const sessions: SessionRef[] = [];
  for (let i = 0; i < bars.length; i++) {
    const date = bars.date[i]!;
    const prev = sessions[i - 1];
    sessions.push(prev?.date === date ? prev : { date, ordinal: sessionOrdinal(date) });
  }
  return { bars, sessions };
}

/**
 * What the engine does, reduced to the strategies: feed bars [from, to) in order through one
 * reused Bar object and evaluate every strategy (in precedence order) at every 5-minute cycle,
 * right after the bar that closes at it. `states[i]` is strategy i's state.
 */
export function replay(strategies: readonly Strategy[], r: Replay, states: unknown[], from = 0, to = r.bars.length): Signal[] {
  const { bars, sessions } = r;
  const bar: Bar = { ts: 0, open: 0, high: 0, low: 0, close: 0, volume: 0 };
  const signals: Signal[] = [];
  for (let i = from; i < to; i++) {
    readBar(bars, i, bar);
    strategies.forEach((s, k) => s.onBarClosed(states[k], bar, sessions[i]!));
    const closedAt = bar.ts + MINUTE_MS;
    if (closedAt % CYCLE_MS === 0) strategies.forEach((s, k) => signals.push(s.evaluate(states[k], closedAt, sessions[i]!)));
  }
  return signals;
}
