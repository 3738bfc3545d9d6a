import type { BarColumns } from '../core/bar.js';

/** Bars in one SharedArrayBuffer (ts, open, high, low, close, volume, each `length` float64s): workers map it, never copy it. */
export interface SharedBars {
  buffer: SharedArrayBuffer;
  length: number;
}

const FIELDS = ['ts', 'open', 'high', 'low', 'close', 'volume'] as const;

/** Copies bars once into shared memory. */
export function shareBars(bars: BarColumns): SharedBars {
  const n = bars.length;
  const shared: SharedBars = { buffer: new SharedArrayBuffer(FIELDS.length * n * 8), length: n };
  const view = barsOf(shared);
  for (const f of FIELDS) view[f].set(bars[f].subarray(0, n));
  return shared;
}

/** Float64Array views of the shared columns (no copy). */
export function barsOf(shared: SharedBars): BarColumns {
  const n = shared.length;
  const col = (k: number) => new Float64Array(shared.buffer, k * n * 8, n);
  return { ts: col(0), open: col(1), high: col(2), low: col(3), close: col(4), volume: col(5), length: n };
}

/** Bars [from, to) as views of the same memory. */
export function sliceBars(bars: BarColumns, from: number, to: number): BarColumns {
  return {
    ts: bars.ts.subarray(from, to),
    open: bars.open.subarray(from, to),
    high: bars.high.subarray(from, to),
    low: bars.low.subarray(from, to),
    close: bars.close.subarray(from, to),
    volume: bars.volume.subarray(from, to),
    length: to - from,
  };
}
