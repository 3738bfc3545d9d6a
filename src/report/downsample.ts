/**
 * Bucketed down-sampling for overview charts. Each bucket keeps its first and last value and its
 * true minimum and maximum, so no spike or drawdown disappears however far a year is squeezed;
 * buckets split the samples evenly by count, so nights and weekends cost nothing.
 */
export interface OhlcBuckets {
  /** Start of the bucket's first sample and of its last one. */
  ts: Float64Array;
  tsEnd: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  length: number;
}

/** Index bounds of `buckets` even slices of n samples: slice b is [bounds[b], bounds[b+1]). */
export function bucketBounds(n: number, maxBuckets: number): Uint32Array {
  const b = Math.max(0, Math.min(n, Math.floor(maxBuckets)));
  const bounds = new Uint32Array(b + 1);
  for (let i = 0; i <= b; i++) bounds[i] = Math.floor((i * n) / b);
  return bounds;
}

export function downsampleOhlc(
  ts: ArrayLike<number>,
  open: ArrayLike<number>,
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  maxBuckets: number,
): OhlcBuckets {
  const bounds = bucketBounds(ts.length, maxBuckets);
  const length = bounds.length - 1;
  const out: OhlcBuckets = {
    ts: new Float64Array(length),
    tsEnd: new Float64Array(length),
    open: new Float64Array(length),
    high: new Float64Array(length),
    low: new Float64Array(length),
    close: new Float64Array(length),
    length,
  };
  for (let b = 0; b < length; b++) {
    const from = bounds[b]!;
    const to = bounds[b + 1]!;
    let hi = -Infinity;
    let lo = Infinity;
    for (let i = from; i < to; i++) {
      if (high[i]! > hi) hi = high[i]!;
      if (low[i]! < lo) lo = low[i]!;
    }
    out.ts[b] = ts[from]!;
    out.tsEnd[b] = ts[to - 1]!;
    out.open[b] = open[from]!;
    out.high[b] = hi;
    out.low[b] = lo;
    out.close[b] = close[to - 1]!;
  }
  return out;
}

/** A single series (equity, drawdown) bucketed the same way: open/close = first/last, high/low = max/min. */
export const downsampleLine = (ts: ArrayLike<number>, values: ArrayLike<number>, maxBuckets: number): OhlcBuckets =>
  downsampleOhlc(ts, values, values, values, values, maxBuckets);

/** Index of the last sample starting at or before `t` (-1 if none): the bar in force at time t. */
export function indexAtOrBefore(ts: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = ts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid]! <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
