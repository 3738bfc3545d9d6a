import { describe, expect, it } from 'vitest';
import { bsPrice } from '../../src/options/black-scholes.js';
import { OptionBarPricer } from '../../src/options/option-bars.js';
import { RealizedVol } from '../../src/options/realized-vol.js';
import { FLAT_SKEW, skewedVol } from '../../src/options/skew.js';
import { yearsToExpiry } from '../../src/options/time-to-expiry.js';

const rates = { rate: 0.045, dividendYield: 0.013 };
const skew = { slope: -0.29, putCurvature: -0.04, callCurvature: 0.1, maxZ: 4 };
const EXPIRES = Date.UTC(2026, 4, 8, 20, 0); // 2026-05-08 16:00 New York
const BAR = Date.UTC(2026, 4, 4, 15, 0); // 11:00

describe('option bars from underlying bars', () => {
  it('a call’s high comes at the underlying’s high, a put’s at its low; open/close at the bar’s start/end', () => {
    const out = new Float64Array(8);
    const call = new OptionBarPricer({ right: 'C', strike: 720, expiresAt: EXPIRES }, rates, FLAT_SKEW);
    const put = new OptionBarPricer({ right: 'P', strike: 720, expiresAt: EXPIRES }, rates, FLAT_SKEW);
    call.ohlc(BAR, 720.1, 720.6, 719.7, 720.3, 0.13, out, 0);
    put.ohlc(BAR, 720.1, 720.6, 719.7, 720.3, 0.13, out, 4);
    const start = yearsToExpiry(BAR, EXPIRES);
    const end = yearsToExpiry(BAR + 60_000, EXPIRES);
    const price = (right: 'C' | 'P', spot: number, years: number) => bsPrice({ right, spot, strike: 720, years, ...rates }, 0.13);
    expect([...out.subarray(0, 4)].map((v) => v.toFixed(10))).toEqual(
      [price('C', 720.1, start), price('C', 720.6, end), price('C', 719.7, end), price('C', 720.3, end)].map((v) => v.toFixed(10)),
    );
    expect([...out.subarray(4)].map((v) => v.toFixed(10))).toEqual(
      [price('P', 720.1, start), price('P', 719.7, end), price('P', 720.6, end), price('P', 720.3, end)].map((v) => v.toFixed(10)),
    );
  });

  it('high ≥ open, close ≥ low even when the bar’s decay outweighs its move', () => {
    const out = new Float64Array(4);
    const call = new OptionBarPricer({ right: 'C', strike: 740, expiresAt: EXPIRES - 4 * 86_400_000 + 3_600_000 }, rates, skew);
    call.ohlc(BAR, 720, 720, 720, 720, 0.2, out); // a flat bar: the option only decays
    expect(out[1]).toBe(out[0]);
    expect(out[2]).toBe(out[3]);
    expect(out[3]).toBeLessThan(out[0]!);
  });

  it('prices the contract at its smile volatility, fixed for the bar', () => {
    const out = new Float64Array(4);
    const put = new OptionBarPricer({ right: 'P', strike: 705, expiresAt: EXPIRES }, rates, skew);
    put.ohlc(BAR, 720, 721, 719, 720.5, 0.13, out);
    const years = yearsToExpiry(BAR, EXPIRES);
    const vol = skewedVol(0.13, Math.log(705 / (720 * Math.exp(0.032 * years))), years, skew);
    expect(put.vol).toBeCloseTo(vol, 14);
    expect(vol).toBeGreaterThan(0.14);
    expect(out[0]).toBeCloseTo(bsPrice({ right: 'P', spot: 720, strike: 705, years, ...rates }, vol), 12);
  });

  it('the last bar before expiry closes at intrinsic value', () => {
    const out = new Float64Array(4);
    new OptionBarPricer({ right: 'C', strike: 715, expiresAt: EXPIRES }, rates, skew).ohlc(EXPIRES - 60_000, 720, 721, 719, 720.25, 0.13, out);
    expect(out[3]).toBe(5.25);
    expect(out[1]).toBeGreaterThanOrEqual(6);
  });

  it('pathAt values any sequence of underlying prices, the first at the bar’s start', () => {
    const points = Float64Array.of(720.1, 719.7, 720.6, 720.3);
    const path = new Float64Array(4);
    const ohlc = new Float64Array(4);
    const pricer = new OptionBarPricer({ right: 'C', strike: 720, expiresAt: EXPIRES }, rates, skew);
    pricer.pathAt(BAR, points, 0.13, path);
    pricer.ohlc(BAR, 720.1, 720.6, 719.7, 720.3, 0.13, ohlc);
    expect([path[0], path[2], path[1], path[3]]).toEqual([...ohlc]);
  });
});

describe('quoted paths for the simulated broker', () => {
  it('bid and ask around each path value are the quotes the synthetic chain would show, exact decimals', () => {
    const spread = { base: 0.009, perTimeValue: 0.0014, perIntrinsic: 0.023, tick: 0.01 };
    const points = Float64Array.of(720.1, 719.7, 720.6, 720.3);
    const mids = new Float64Array(4);
    const bid = new Float64Array(4);
    const ask = new Float64Array(4);
    const pricer = new OptionBarPricer({ right: 'P', strike: 721, expiresAt: EXPIRES }, rates, skew);
    pricer.pathAt(BAR, points, 0.13, mids);
    pricer.quotePathAt(BAR, points, 0.13, spread, bid, ask);
    for (let i = 0; i < 4; i++) {
      expect(Math.abs((bid[i]! + ask[i]!) / 2 - mids[i]!)).toBeLessThanOrEqual(0.005 + 1e-12);
      expect(bid[i]).toBe(Number((bid[i]! * 100).toFixed(0)) / 100);
      expect(bid[i]).toBe(Number(bid[i]!.toFixed(2)));
      expect(ask[i]).toBe(Number(ask[i]!.toFixed(2)));
      expect(ask[i]! - bid[i]!).toBeGreaterThanOrEqual(0.01 - 1e-12);
    }
  });
});

describe('realised volatility', () => {
  const MIN = 60_000;

  it('annualises the standard deviation of the window’s 1-minute log returns', () => {
    const rv = new RealizedVol(4);
    const closes = [100, 100.1, 100, 100.1, 100, 100.1];
    closes.forEach((c, i) => rv.push(i * MIN, c));
    const r = Math.log(100.1 / 100);
    // The window holds the last 4 returns: +r, −r, +r, −r → sample sd = r·√(4/3).
    expect(rv.ivAt(5 * MIN)).toBeCloseTo(r * Math.sqrt(4 / 3) * Math.sqrt(252 * 390), 12);
  });

  it('skips the return across a session break, and is NaN until two returns are known', () => {
    const rv = new RealizedVol(10);
    rv.push(0, 100);
    rv.push(MIN, 100.1);
    expect(rv.value()).toBeNaN();
    rv.sessionBreak();
    rv.push(2 * MIN, 110); // the overnight gap: not a return
    rv.push(3 * MIN, 110.11);
    const r1 = Math.log(100.1 / 100);
    const r2 = Math.log(110.11 / 110);
    const mean = (r1 + r2) / 2;
    expect(rv.value()).toBeCloseTo(Math.sqrt(((r1 - mean) ** 2 + (r2 - mean) ** 2) * 252 * 390), 12);
  });

  it('refuses to answer for a time before the last close it has seen', () => {
    const rv = new RealizedVol(5);
    rv.push(10 * MIN, 100);
    expect(() => rv.ivAt(9 * MIN)).toThrow('look-ahead');
    expect(() => new RealizedVol(1)).toThrow('≥ 2');
  });

  it('stays exact over a long run (no drift in the running sums)', () => {
    const rv = new RealizedVol(390);
    let price = 500;
    for (let i = 0; i < 100_000; i++) {
      price *= i % 2 ? 1.001 : 1 / 1.001;
      rv.push(i * MIN, price);
    }
    const r = Math.log(1.001);
    expect(rv.value()).toBeCloseTo(r * Math.sqrt(390 / 389) * Math.sqrt(252 * 390), 10);
  });
});
