import { sessionOn, sessionOrdinal } from '../../src/calendar/index.js';
import type { Bar } from '../../src/core/bar.js';
import type { ExplainedSignal } from '../../src/core/signal.js';
import { MINUTE_MS, type EpochMs, type TradingDate } from '../../src/core/time.js';
import type { SessionRef, Strategy } from '../../src/strategy/index.js';

export const sessionRef = (date: TradingDate): SessionRef => ({ date, ordinal: sessionOrdinal(date) });

/** The regular-hours open of a session. */
export function openOf(date: TradingDate): EpochMs {
  const s = sessionOn(date);
  if (s === null) throw new Error(`${date} is not a session`);
  return s.open;
}

/**
 * 1-minute bars of one session from the 09:30 open: each opens at the previous close (the first
 * at `closes[0]`) and its high/low reach 1 cent beyond open and close.
 */
export function minuteBars(date: TradingDate, closes: readonly number[], volume: number | readonly number[] = 1000): Bar[] {
  const open = openOf(date);
  return closes.map((close, i) => {
    const o = i === 0 ? close : closes[i - 1]!;
    return {
      ts: open + i * MINUTE_MS,
      open: o,
      high: Math.max(o, close) + 0.01,
      low: Math.min(o, close) - 0.01,
      close,
      volume: typeof volume === 'number' ? volume : volume[i]!,
    };
  });
}

/** Closes that step by `a`, `b`, `a`, `b`, … from `start`. */
export function zigzag(start: number, n: number, a: number, b: number): number[] {
  const out = [start];
  for (let i = 1; i < n; i++) out.push(out[i - 1]! + (i % 2 === 1 ? a : b));
  return out;
}

/** Feeds bars of one session; returns the close time of the last one (a cycle may run then). */
export function feed<S>(strategy: Strategy<S>, state: S, bars: readonly Bar[], session: SessionRef): EpochMs {
  for (const bar of bars) strategy.onBarClosed(state, bar, session);
  return bars[bars.length - 1]!.ts + MINUTE_MS;
}

/** Evaluates at `at` and puts the signal's reasons into words, as a reader of the journal sees them. */
export function evaluateExplained<S>(strategy: Strategy<S>, state: S, at: EpochMs, session: SessionRef): ExplainedSignal {
  const signal = strategy.evaluate(state, at, session);
  return { ...signal, reasons: strategy.explain(signal) };
}
