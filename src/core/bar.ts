import type { EpochMs } from './time.js';

/** An OHLCV bar. `ts` is the bar's START (the 09:30 1-minute bar covers 09:30:00–09:30:59.999). */
export interface Bar {
  ts: EpochMs;
  open: number;
  high: number;
  low: number;
  close: number;
  /** Shares for stocks, contracts for options. */
  volume: number;
}

export type BarSize = '1m' | '5m' | '15m' | '30m' | '60m' | '1d';

export const BAR_SIZE_MS: Record<Exclude<BarSize, '1d'>, number> = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '30m': 1_800_000,
  '60m': 3_600_000,
};

/** Bars as columns: what the bar store reads and the backtester iterates, without per-bar objects. */
export interface BarColumns {
  ts: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  length: number;
}

export const barAt = (c: BarColumns, i: number): Bar => ({
  ts: c.ts[i]!,
  open: c.open[i]!,
  high: c.high[i]!,
  low: c.low[i]!,
  close: c.close[i]!,
  volume: c.volume[i]!,
});

/** Copies bar `i` into `into` without allocating: hot loops reuse one Bar for every bar. */
export function readBar(c: BarColumns, i: number, into: Bar): Bar {
  into.ts = c.ts[i]!;
  into.open = c.open[i]!;
  into.high = c.high[i]!;
  into.low = c.low[i]!;
  into.close = c.close[i]!;
  into.volume = c.volume[i]!;
  return into;
}
