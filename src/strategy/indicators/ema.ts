/**
 * Exponential moving average, incremental and exact: EMAₜ = x·α + EMAₜ₋₁·(1 − α), α = 2 / (N + 1),
 * in that operation order (the same as trading-signals, so results agree to the last bit).
 *
 * Seeding (tools differ; users compare):
 * - "first": the EMA starts at the first value and is reported ready after N values. This is
 *   trading-signals' `EMA`.
 * - "sma": the first N values are averaged (their sum divided by N) and the recursion starts from
 *   that mean at the N-th value. This is TA-Lib's and most textbooks' convention.
 * Both converge to the same value; they differ noticeably for the first few N values.
 *
 * The state is plain JSON data holding closed values only; `emaPeek` gives the value a
 * still-forming bar would produce, without changing the state (no double counting).
 */
export type EmaSeed = 'first' | 'sma';

export interface EmaState {
  length: number;
  seed: EmaSeed;
  /** Values fed so far. */
  count: number;
  /** The EMA; while an "sma" seed is still forming, the running sum of the values. */
  value: number;
}

export function emaCreate(length: number, seed: EmaSeed = 'first'): EmaState {
  if (!Number.isInteger(length) || length < 1) throw new RangeError(`EMA length must be a whole number ≥ 1, got ${length}`);
  return { length, seed, count: 0, value: 0 };
}

/** Feeds one closed value; returns the EMA (NaN while not ready). */
export function emaUpdate(s: EmaState, x: number): number {
  s.value = next(s, x);
  s.count++;
  return s.count >= s.length ? s.value : NaN;
}

/** The EMA if `x` closed now; the state is left as it is. NaN while not ready. */
export function emaPeek(s: EmaState, x: number): number {
  return s.count + 1 >= s.length ? next(s, x) : NaN;
}

export const emaReady = (s: EmaState): boolean => s.count >= s.length;

/** The current EMA, NaN while not ready. */
export const emaValue = (s: EmaState): number => (s.count >= s.length ? s.value : NaN);

function next(s: EmaState, x: number): number {
  const n = s.count;
  if (s.seed === 'sma' && n < s.length) return n + 1 === s.length ? (s.value + x) / s.length : s.value + x;
  const alpha = 2 / (s.length + 1);
  return x * alpha + (n === 0 ? x : s.value) * (1 - alpha);
}
