import { ATR, EMA, RSI, VWAP } from 'trading-signals';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  atrCreate,
  atrPeek,
  atrUpdate,
  emaCreate,
  emaPeek,
  emaUpdate,
  emaValue,
  rsiCreate,
  rsiPeek,
  rsiUpdate,
  vwapCreate,
  vwapPeek,
  vwapUpdate,
  vwapValue,
} from '../../src/strategy/indicators/index.js';
import { hasSharedData } from '../support/shared-data.js';
import { readMinuteBars, SPY_YEAR_FILE, type MinuteSeries } from './spy-minutes.js';

const feed = <S>(s: S, update: (s: S, x: number) => number, xs: number[]): number[] => xs.map((x) => update(s, x));

describe('hand-computed values', () => {
  it('EMA(3) seeded by the first value: α = 0.5, ready at the 3rd value', () => {
    expect(feed(emaCreate(3), emaUpdate, [1, 2, 3, 4, 5])).toEqual([NaN, NaN, 2.25, 3.125, 4.0625]);
  });

  it('EMA(3) seeded by the mean of the first 3 values', () => {
    expect(feed(emaCreate(3, 'sma'), emaUpdate, [1, 2, 3, 4, 5])).toEqual([NaN, NaN, 2, 3, 4]);
  });

  it('Wilder RSI(3): plain mean of the first 3 changes, then Wilder smoothing', () => {
    const r = feed(rsiCreate(3), rsiUpdate, [10, 11, 10.5, 11.5, 11, 12]);
    expect(r.slice(0, 3)).toEqual([NaN, NaN, NaN]);
    expect(r[3]).toBeCloseTo(80, 12); // gains 2/3, losses 1/6: RS 4
    expect(r[4]).toBeCloseTo(100 - 100 / 2.6, 12); // 4/9 vs 5/18: RS 1.6
    expect(r[5]).toBeCloseTo(100 - 100 / 4.4, 12); // 17/27 vs 5/27: RS 3.4
  });

  it('RSI is 100 without losses, and flat closes count as zero change', () => {
    expect(feed(rsiCreate(2), rsiUpdate, [1, 2, 3, 3]).slice(2)).toEqual([100, 100]);
  });

  it('ATR(3): first true range is high − low, then gaps count', () => {
    const s = atrCreate(3);
    const bars: [number, number, number][] = [[10, 9, 9.5], [11, 9.8, 10.8], [10.9, 10, 10.2], [10.5, 9.4, 9.6]];
    const r = bars.map(([h, l, c]) => atrUpdate(s, h, l, c));
    expect(r.slice(0, 2)).toEqual([NaN, NaN]);
    expect(r[2]).toBeCloseTo(3.4 / 3, 12); // true ranges 1, 1.5, 0.9
    expect(r[3]).toBeCloseTo(10.1 / 9, 12); // (3.4/3)·(2/3) + 1.1/3
  });

  it('VWAP weighs the typical price (h + l + c) / 3 by volume and restarts each session', () => {
    const s = vwapCreate();
    expect(vwapUpdate(s, 7, 12, 9, 12, 100)).toBe(11);
    expect(vwapUpdate(s, 7, 11, 10, 9, 300)).toBe(10.25);
    expect(vwapValue(s, 8)).toBeNaN();
    expect(vwapUpdate(s, 8, 21, 20, 19, 0)).toBeNaN();
    expect(vwapUpdate(s, 8, 20, 20, 20, 50)).toBe(20);
  });

  it('peek gives the next value and changes nothing', () => {
    const e = emaCreate(3);
    feed(e, emaUpdate, [1, 2]);
    expect(emaPeek(e, 3)).toBe(2.25);
    expect(emaPeek(e, 3)).toBe(2.25);
    expect(emaUpdate(e, 3)).toBe(2.25);
    const r = rsiCreate(3);
    feed(r, rsiUpdate, [10, 11, 10.5]);
    const peeked = rsiPeek(r, 11.5);
    expect(peeked).toBeCloseTo(80, 12);
    expect(rsiUpdate(r, 11.5)).toBe(peeked);
  });

  it('rejects lengths that are not whole numbers ≥ 1', () => {
    expect(() => emaCreate(0)).toThrow(/EMA length/);
    expect(() => rsiCreate(2.5)).toThrow(/RSI length/);
    expect(() => atrCreate(-1)).toThrow(/ATR length/);
  });
});

/** Largest |ours − theirs| where both have a value, and how often only one of them had a value. */
class Gap {
  max = 0;
  compared = 0;
  readinessMismatches = 0;
  add(ours: number, theirs: number | null): void {
    if (Number.isNaN(ours) !== (theirs === null)) this.readinessMismatches++;
    if (theirs === null) return;
    this.max = Math.max(this.max, Math.abs(ours - theirs));
    this.compared++;
  }
}

describe.skipIf(!hasSharedData)('agree with trading-signals over the real year of 1-minute SPY bars', () => {
  let bars: MinuteSeries;
  beforeAll(() => {
    bars = readMinuteBars(SPY_YEAR_FILE);
  });

  it('EMA(9), EMA(21), Wilder RSI(14), ATR(14) and session VWAP, bar by bar, within 1e-9', () => {
    const ours = { f: emaCreate(9), s: emaCreate(21), rsi: rsiCreate(14), atr: atrCreate(14), vwap: vwapCreate() };
    const theirs = { f: new EMA(9), s: new EMA(21), rsi: new RSI(14), atr: new ATR(14), vwap: new VWAP() };
    const gaps = { f: new Gap(), s: new Gap(), rsi: new Gap(), atr: new Gap(), vwap: new Gap() };
    let session = -1;
    for (let i = 0; i < bars.length; i++) {
      const [h, l, c, v] = [bars.high[i]!, bars.low[i]!, bars.close[i]!, bars.volume[i]!];
      if (i === 0 || bars.date[i] !== bars.date[i - 1]) {
        session++;
        theirs.vwap = new VWAP();
      }
      theirs.f.add(c);
      theirs.s.add(c);
      theirs.rsi.add(c);
      theirs.atr.add({ high: h, low: l, close: c });
      theirs.vwap.add({ high: h, low: l, close: c, volume: v });
      gaps.f.add(emaUpdate(ours.f, c), theirs.f.isStable ? theirs.f.getResult() : null);
      gaps.s.add(emaUpdate(ours.s, c), theirs.s.isStable ? theirs.s.getResult() : null);
      gaps.rsi.add(rsiUpdate(ours.rsi, c), theirs.rsi.getResult());
      gaps.atr.add(atrUpdate(ours.atr, h, l, c), theirs.atr.getResult());
      gaps.vwap.add(vwapUpdate(ours.vwap, session, h, l, c, v), theirs.vwap.getResult());
    }
    expect(bars.length).toBe(99_264);
    expect(session + 1).toBe(256);
    for (const g of Object.values(gaps)) {
      expect(g.readinessMismatches).toBe(0);
      expect(g.compared).toBeGreaterThan(99_000);
      expect(g.max).toBeLessThanOrEqual(1e-9);
    }
  });

  it('an EMA seeded by the SMA peeks what it then updates, and converges to the first-value seed', () => {
    const [sma, first] = [emaCreate(21, 'sma'), emaCreate(21, 'first')];
    let peekGaps = 0;
    for (let i = 0; i < 2000; i++) {
      const c = bars.close[i]!;
      const peeked = emaPeek(sma, c);
      const updated = emaUpdate(sma, c);
      if (!Object.is(peeked, updated)) peekGaps++;
      emaUpdate(first, c);
    }
    expect(peekGaps).toBe(0);
    expect(Math.abs(emaValue(sma) - emaValue(first))).toBeLessThan(1e-9); // (20/22)^2000: the seed is forgotten
  });

  it('a forming bar peeked at several times counts once (against trading-signals replace)', () => {
    const ours = { f: emaCreate(9), rsi: rsiCreate(14), atr: atrCreate(14), vwap: vwapCreate() };
    const theirs = { f: new EMA(9), rsi: new RSI(14), atr: new ATR(14), vwap: new VWAP() };
    const gaps = { f: new Gap(), rsi: new Gap(), atr: new Gap(), vwap: new Gap() };
    const n = 20_000; // seeding plus ~50 sessions keeps the test fast
    let session = 0;
    for (let i = 0; i < n; i++) {
      if (i > 0 && bars.date[i] !== bars.date[i - 1]) {
        session++;
        theirs.vwap = new VWAP();
      }
      const [o, h, l, c, v] = [bars.open[i]!, bars.high[i]!, bars.low[i]!, bars.close[i]!, bars.volume[i]!];
      // Three partial states of the bar, then the closed bar: the forming bar grows towards its final values.
      for (let k = 1; k <= 4; k++) {
        const last = k === 4;
        const pc = last ? c : o + ((c - o) * k) / 4;
        const ph = last ? h : Math.max(o, pc);
        const pl = last ? l : Math.min(o, pc);
        const pv = last ? v : Math.max(1, Math.floor((v * k) / 4));
        const replace = k > 1;
        theirs.f.update(pc, replace);
        theirs.rsi.update(pc, replace);
        theirs.atr.update({ high: ph, low: pl, close: pc }, replace);
        theirs.vwap.update({ high: ph, low: pl, close: pc, volume: pv }, replace);
        const f = last ? emaUpdate(ours.f, pc) : emaPeek(ours.f, pc);
        const r = last ? rsiUpdate(ours.rsi, pc) : rsiPeek(ours.rsi, pc);
        const a = last ? atrUpdate(ours.atr, ph, pl, pc) : atrPeek(ours.atr, ph, pl);
        const w = last ? vwapUpdate(ours.vwap, session, ph, pl, pc, pv) : vwapPeek(ours.vwap, session, ph, pl, pc, pv);
        gaps.f.add(f, theirs.f.isStable ? theirs.f.getResult() : null);
        gaps.rsi.add(r, theirs.rsi.getResult());
        gaps.atr.add(a, theirs.atr.getResult());
        gaps.vwap.add(w, theirs.vwap.getResult());
      }
    }
    for (const g of Object.values(gaps)) {
      expect(g.readinessMismatches).toBe(0);
      expect(g.compared).toBeGreaterThan(n * 3);
      expect(g.max).toBeLessThanOrEqual(1e-9);
    }
  });
});
