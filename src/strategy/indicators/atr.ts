import { wilderNext } from './wilder.js';

/**
 * Average true range, incremental and exact. True range = max(high − low, |high − prevClose|,
 * |low − prevClose|), and high − low for the very first bar (no previous close).
 *
 * Seeding: the first N true ranges are averaged plainly (sum / N), then Wilder's smoothing
 * (./wilder.ts); the first ATR is reported at the N-th bar, exactly like trading-signals' `ATR`
 * with its default WSMA smoothing.
 */
export interface AtrState {
  length: number;
  /** Bars fed so far. */
  count: number;
  prevClose: number;
  /** The ATR (the running sum of true ranges while seeding). */
  value: number;
}

export function atrCreate(length: number): AtrState {
  if (!Number.isInteger(length) || length < 1) throw new RangeError(`ATR length must be a whole number ≥ 1, got ${length}`);
  return { length, count: 0, prevClose: 0, value: 0 };
}

/** Feeds one closed bar; returns the ATR (NaN while not ready). */
export function atrUpdate(s: AtrState, high: number, low: number, close: number): number {
  s.value = wilderNext(s.value, s.count, s.length, trueRange(s, high, low));
  s.count++;
  s.prevClose = close;
  return s.count >= s.length ? s.value : NaN;
}

/** The ATR if this bar closed now; the state is left as it is. NaN while not ready. */
export function atrPeek(s: AtrState, high: number, low: number): number {
  return s.count + 1 >= s.length ? wilderNext(s.value, s.count, s.length, trueRange(s, high, low)) : NaN;
}

export const atrReady = (s: AtrState): boolean => s.count >= s.length;

/** The current ATR, NaN while not ready. */
export const atrValue = (s: AtrState): number => (s.count >= s.length ? s.value : NaN);

function trueRange(s: AtrState, high: number, low: number): number {
  const range = high - low;
  if (s.count === 0) return range;
  return Math.max(range, Math.abs(high - s.prevClose), Math.abs(low - s.prevClose));
}
