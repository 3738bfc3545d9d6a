import { describe, expect, it } from 'vitest';
import { overviewTable, tradeMarkersTable } from '../../src/report/chart-data.js';
import { bucketBounds, downsampleLine, downsampleOhlc, indexAtOrBefore } from '../../src/report/downsample.js';
import { NyClock } from '../../src/report/ny-time.js';
import { syntheticMinuteBars } from '../../src/venues/history/synthetic-sample.js';
import { syntheticReports } from '../support/real-backtest.js';
import { unpack } from './unpack.js';

describe('bucketed down-sampling', () => {
  const bars = syntheticMinuteBars({ sessions: 20 });

  it('splits n samples into even, contiguous, non-empty buckets', () => {
    const b = bucketBounds(7_800, 1_000);
    expect(b.length).toBe(1_001);
    expect(b[0]).toBe(0);
    expect(b[1_000]).toBe(7_800);
    for (let i = 1; i < b.length; i++) expect(b[i]! - b[i - 1]!).toBeGreaterThanOrEqual(7);
    expect(bucketBounds(5, 100).length).toBe(6); // fewer samples than buckets: one bucket each
  });

  it('keeps the true extremes and the first open / last close of every bucket', () => {
    const o = downsampleOhlc(bars.ts, bars.open, bars.high, bars.low, bars.close, 333);
    const bounds = bucketBounds(bars.length, 333);
    expect(o.length).toBe(333);
    for (let k = 0; k < o.length; k++) {
      const from = bounds[k]!, to = bounds[k + 1]!;
      const hi = Math.max(...bars.high.subarray(from, to));
      const lo = Math.min(...bars.low.subarray(from, to));
      expect([o.ts[k], o.tsEnd[k], o.open[k], o.close[k], o.high[k], o.low[k]]).toEqual([bars.ts[from], bars.ts[to - 1], bars.open[from], bars.close[to - 1], hi, lo]);
    }
    // Globally too: squeezing a month into 333 points loses neither the top nor the bottom.
    expect(Math.max(...o.high)).toBe(Math.max(...bars.high));
    expect(Math.min(...o.low)).toBe(Math.min(...bars.low));
  });

  it('keeps a one-bar spike that a plain every-nth sample would drop', () => {
    const close = new Float64Array(10_000).fill(100);
    close[4_321] = 180;
    close[8_765] = 20;
    const ts = Float64Array.from(close, (_, i) => i * 60_000);
    const line = downsampleLine(ts, close, 50);
    expect(Math.max(...line.high)).toBe(180);
    expect(Math.min(...line.low)).toBe(20);
  });

  it('finds the bar in force at a time', () => {
    const ts = [0, 60_000, 120_000];
    expect([indexAtOrBefore(ts, -1), indexAtOrBefore(ts, 0), indexAtOrBefore(ts, 90_000), indexAtOrBefore(ts, 1e9)]).toEqual([-1, 0, 1, 2]);
  });

  it('keeps every trade marker of a real backtest, each inside the low–high of the overview bucket it falls in', async () => {
    const model = (await syntheticReports({ sessions: 5 }, () => {}))[0]!;
    const series = model.bars[0]!;
    const clock = new NyClock();
    expect(model.trades.length).toBeGreaterThan(10);
    const overview = unpack(overviewTable(series, clock, 200));
    const markers = unpack(tradeMarkersTable(model.trades, series, clock));
    expect(overview).toHaveLength(200);
    expect(markers.map((m) => m.intent)).toEqual(model.trades.map((t) => t.intentId));
    for (const m of markers) {
      const bucket = overview.filter((b) => (b.ts as number) <= (m.entryTs as number)).at(-1)!;
      expect(m.entryPx).toBeGreaterThanOrEqual(bucket.low as number);
      expect(m.entryPx).toBeLessThanOrEqual(bucket.high as number);
    }
  });
});
