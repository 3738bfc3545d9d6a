import type { Bar } from '../core/bar.js';
import { isoUtc, MINUTE_MS, type EpochMs } from '../core/time.js';

/** What every strategy state tracks about the bars it was fed: enough to refuse misuse cheaply. */
export interface BarFeed {
  symbol: string;
  /** Closed 1-minute bars fed so far. */
  bars: number;
  /** Start of the last bar fed; meaningless while `bars` is 0. */
  lastTs: EpochMs;
}

export const barFeed = (symbol: string): BarFeed => ({ symbol, bars: 0, lastTs: 0 });

/** Counts a closed bar; bars must come once each, in time order. */
export function feedBar(s: BarFeed, bar: Bar): void {
  if (s.bars > 0 && bar.ts <= s.lastTs) {
    throw new Error(`${s.symbol}: bar ${isoUtc(bar.ts)} fed after bar ${isoUtc(s.lastTs)}: bars must arrive once each, in time order`);
  }
  s.bars++;
  s.lastTs = bar.ts;
}

/** Rule 2 of the architecture: a decision at `at` sees only bars that closed at or before `at`. */
export function assertClosedBy(s: BarFeed, at: EpochMs): void {
  if (s.bars > 0 && s.lastTs + MINUTE_MS > at) {
    throw new Error(`${s.symbol}: the 1-minute bar ${isoUtc(s.lastTs)} closes after the cycle at ${isoUtc(at)}: it was fed too early (look-ahead)`);
  }
}
