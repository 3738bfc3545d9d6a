import { describe, expect, it } from 'vitest';
import { minuteGrid, sessionByOrdinal, sessionOrdinal, tradingDateOf } from '../../src/calendar/index.js';
import type { BarColumns } from '../../src/core/bar.js';
import { DEFAULT_SAMPLE, syntheticMinuteBars } from '../../src/venues/history/synthetic-sample.js';

const year = syntheticMinuteBars({ sessions: 252, seed: 7 });

/** Index ranges of each session's bars. */
function sessions(b: BarColumns): { date: string; from: number; to: number }[] {
  const out: { date: string; from: number; to: number }[] = [];
  for (let i = 0; i < b.length; i++) {
    const date = tradingDateOf(b.ts[i]!);
    if (out.at(-1)?.date === date) out.at(-1)!.to = i + 1;
    else out.push({ date, from: i, to: i + 1 });
  }
  return out;
}

const bytes = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const sd = (xs: readonly number[]) => Math.sqrt(xs.reduce((s, x) => s + (x - mean(xs)) ** 2, 0) / (xs.length - 1));

describe('synthetic SPY-like minutes', () => {
  it('follows the session calendar up to its fixed last date, early closes included', () => {
    const days = sessions(year);
    expect(days).toHaveLength(252);
    expect(days.at(-1)!.date).toBe(DEFAULT_SAMPLE.endDate);
    const first = sessionByOrdinal(sessionOrdinal(DEFAULT_SAMPLE.endDate) - 251);
    expect(days[0]!.date).toBe(first.date);
    for (const d of days) {
      const grid = minuteGrid(sessionByOrdinal(sessionOrdinal(d.date)));
      expect(year.ts.subarray(d.from, d.to)).toEqual(grid);
    }
    expect(days.some((d) => d.to - d.from === 210)).toBe(true); // 2025-11-28, 2025-12-24
  });

  it('is deterministic by seed', () => {
    const same = syntheticMinuteBars({ sessions: 252, seed: 7 });
    const other = syntheticMinuteBars({ sessions: 252, seed: 8 });
    for (const k of ['ts', 'open', 'high', 'low', 'close', 'volume'] as const) expect(bytes(same[k]).equals(bytes(year[k]))).toBe(true);
    expect(bytes(other.close).equals(bytes(year.close))).toBe(false);
  });

  it('has valid cent-priced OHLC near 500 and whole-share volumes', () => {
    const bad: number[] = [];
    for (let i = 0; i < year.length; i++) {
      const ok =
        year.high[i]! >= Math.max(year.open[i]!, year.close[i]!, year.low[i]!) &&
        year.low[i]! <= Math.min(year.open[i]!, year.close[i]!) &&
        Math.round(year.close[i]! * 100) / 100 === year.close[i] &&
        Number.isInteger(year.volume[i]);
      if (!ok) bad.push(i);
    }
    expect(bad).toEqual([]);
    expect(year.open[0]).toBeCloseTo(500, -1);
    expect(year.low.reduce((m, x) => Math.min(m, x))).toBeGreaterThan(400);
    expect(year.high.reduce((m, x) => Math.max(m, x))).toBeLessThan(600);
  });

  it.each([1, 2, 3, 7])('has an annualised close-to-close volatility of about 15–20 %% (seed %i)', (seed) => {
    const b = seed === 7 ? year : syntheticMinuteBars({ sessions: 252, seed });
    const closes = sessions(b).map((d) => b.close[d.to - 1]!);
    const returns = closes.slice(1).map((c, i) => Math.log(c / closes[i]!));
    const vol = sd(returns) * Math.sqrt(252);
    expect(vol).toBeGreaterThan(0.14);
    expect(vol).toBeLessThan(0.21);
  });

  it('opens away from the previous close (overnight gaps)', () => {
    const days = sessions(year);
    const gaps = days.slice(1).map((d, k) => Math.log(year.open[d.from]! / year.close[days[k]!.to - 1]!));
    expect(gaps.filter((g) => Math.abs(g) >= 0.0005).length / gaps.length).toBeGreaterThan(0.7);
    expect(sd(gaps) * Math.sqrt(252)).toBeGreaterThan(0.05); // a real share of the daily variance
  });

  it('has U-shaped intraday volume and volatility on full days', () => {
    const byMinute = { volume: new Float64Array(390), absReturn: new Float64Array(390) };
    const full = sessions(year).filter((d) => d.to - d.from === 390);
    for (const d of full) {
      for (let m = 0; m < 390; m++) {
        byMinute.volume[m]! += year.volume[d.from + m]!;
        byMinute.absReturn[m]! += Math.abs(Math.log(year.close[d.from + m]! / year.open[d.from + m]!));
      }
    }
    for (const series of [byMinute.volume, byMinute.absReturn]) {
      const open = mean(Array.from(series.subarray(0, 30)));
      const midday = mean(Array.from(series.subarray(180, 210)));
      const close = mean(Array.from(series.subarray(360, 390)));
      expect(open / midday).toBeGreaterThan(1.5);
      expect(close / midday).toBeGreaterThan(1.5);
    }
  });
});
