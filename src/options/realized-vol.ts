import type { EpochMs } from '../core/time.js';
import type { IvSeries } from './iv-source.js';

/** 1-minute bars in a trading year: 252 sessions × 390 minutes. */
export const MINUTE_BARS_PER_YEAR = 252 * 390;

/**
 * Trailing realised volatility of the underlying from its closes: the annualised standard
 * deviation of the last `window` log returns, O(1) per close. `sessionBreak()` marks a gap
 * (overnight, a halt) so the next return is not counted: a close-to-open jump is not one
 * minute's volatility. The caller pushes each bar's close when the bar closes, so `ivAt(t)` is
 * the estimate from what was known at t.
 */
export class RealizedVol implements IvSeries {
  private readonly returns: Float64Array;
  private count = 0;
  private next = 0;
  private sum = 0;
  private sumSq = 0;
  private last = NaN;
  private lastTs = -Infinity;

  constructor(
    readonly window: number,
    private readonly barsPerYear = MINUTE_BARS_PER_YEAR,
  ) {
    if (!(Number.isInteger(window) && window >= 2)) throw new RangeError(`realized vol window must be a whole number ≥ 2, got ${window}`);
    this.returns = new Float64Array(window);
  }

  /** Adds the close of the bar that closed at `ts`. */
  push(ts: EpochMs, close: number): void {
    if (ts < this.lastTs) throw new RangeError(`realized vol: close at ${ts} is before the previous one at ${this.lastTs}`);
    this.lastTs = ts;
    if (close > 0 && this.last > 0) {
      const r = Math.log(close / this.last);
      if (this.count === this.window) {
        const old = this.returns[this.next]!;
        this.sum -= old;
        this.sumSq -= old * old;
      } else this.count++;
      this.returns[this.next] = r;
      this.next = (this.next + 1) % this.window;
      this.sum += r;
      this.sumSq += r * r;
      if (this.next === 0) this.resum(); // once per window: no rounding drift over millions of bars
    }
    this.last = close;
  }

  private resum(): void {
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < this.count; i++) {
      const r = this.returns[i]!;
      sum += r;
      sumSq += r * r;
    }
    this.sum = sum;
    this.sumSq = sumSq;
  }

  /** The next close starts a new run of returns. */
  sessionBreak(): void {
    this.last = NaN;
  }

  /** Annualised volatility of the returns in the window; NaN until it holds two. */
  value(): number {
    if (this.count < 2) return NaN;
    const mean = this.sum / this.count;
    const variance = Math.max(0, (this.sumSq - this.count * mean * mean) / (this.count - 1));
    return Math.sqrt(variance * this.barsPerYear);
  }

  ivAt(t: EpochMs): number {
    if (t < this.lastTs) throw new RangeError(`realized vol asked at ${t}, before the last close it has seen (${this.lastTs}): that would be look-ahead`);
    return this.value();
  }
}
