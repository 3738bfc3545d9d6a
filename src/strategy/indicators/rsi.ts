import { wilderNext } from './wilder.js';

/**
 * Wilder's RSI over closes, incremental and exact: RSI = 100 − 100 / (1 + avgGain / avgLoss), and
 * 100 when avgLoss is 0 (also when both are 0, as in trading-signals).
 *
 * Seeding: the first N close-to-close changes are averaged plainly (sum / N), then each average
 * follows Wilder's smoothing (./wilder.ts). The first RSI is therefore reported at the
 * (N + 1)-th close, exactly like trading-signals' `RSI` with its default WSMA smoothing.
 *
 * The state is plain JSON data holding closed values only; `rsiPeek` gives the value a
 * still-forming bar would produce, without changing the state.
 */
export interface RsiState {
  length: number;
  /** Close-to-close changes fed so far (closes − 1). */
  changes: number;
  /** The previous close; meaningless until `started`. */
  prev: number;
  started: boolean;
  /** Wilder averages of gains and losses (running sums while seeding). */
  avgGain: number;
  avgLoss: number;
}

export function rsiCreate(length: number): RsiState {
  if (!Number.isInteger(length) || length < 1) throw new RangeError(`RSI length must be a whole number ≥ 1, got ${length}`);
  return { length, changes: 0, prev: 0, started: false, avgGain: 0, avgLoss: 0 };
}

/** Feeds one closed close; returns the RSI (NaN while not ready). */
export function rsiUpdate(s: RsiState, close: number): number {
  if (!s.started) {
    s.started = true;
    s.prev = close;
    return NaN;
  }
  const gain = close > s.prev ? close - s.prev : 0;
  const loss = close > s.prev ? 0 : s.prev - close;
  s.avgGain = wilderNext(s.avgGain, s.changes, s.length, gain);
  s.avgLoss = wilderNext(s.avgLoss, s.changes, s.length, loss);
  s.changes++;
  s.prev = close;
  return s.changes >= s.length ? rsiOf(s.avgGain, s.avgLoss) : NaN;
}

/** The RSI if `close` closed now; the state is left as it is. NaN while not ready. */
export function rsiPeek(s: RsiState, close: number): number {
  if (!s.started || s.changes + 1 < s.length) return NaN;
  const gain = close > s.prev ? close - s.prev : 0;
  const loss = close > s.prev ? 0 : s.prev - close;
  return rsiOf(wilderNext(s.avgGain, s.changes, s.length, gain), wilderNext(s.avgLoss, s.changes, s.length, loss));
}

export const rsiReady = (s: RsiState): boolean => s.changes >= s.length;

/** The current RSI, NaN while not ready. */
export const rsiValue = (s: RsiState): number => (s.changes >= s.length ? rsiOf(s.avgGain, s.avgLoss) : NaN);

function rsiOf(avgGain: number, avgLoss: number): number {
  return avgLoss === 0 ? 100 : 100 - 100 / (avgGain / avgLoss + 1);
}
