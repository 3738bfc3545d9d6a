import { describe, expect, it } from 'vitest';
import { bsGreeks, bsPrice, type OptionTerms } from '../../src/options/black-scholes.js';
import { impliedVol } from '../../src/options/implied-vol.js';

const spot = 720;
const at = (right: 'C' | 'P', strike: number, years: number): OptionTerms => ({ right, spot, strike, years, rate: 0.045, dividendYield: 0.013 });

const MINUTE = 1 / 525_600;
const EXPIRIES = [MINUTE, 5 * MINUTE, 60 * MINUTE, 1 / 365, 7 / 365, 30 / 365, 0.5, 2];
const MONEYNESS = [0.5, 0.8, 0.9, 0.97, 0.995, 1, 1.005, 1.03, 1.1, 1.25, 2];
const VOLS = [0.03, 0.15, 0.5, 2];

describe('implied volatility: price → IV → price', () => {
  it('recovers the price across moneyness × expiry × volatility, calls and puts, and the vol wherever the price carries it', () => {
    let checked = 0;
    for (const T of EXPIRIES)
      for (const m of MONEYNESS)
        for (const vol of VOLS)
          for (const right of ['C', 'P'] as const) {
            const t = at(right, spot * m, T);
            const price = bsPrice(t, vol);
            const r = impliedVol(t, price);
            if (!r.ok) throw new Error(`no IV for ${right} K=${t.strike} T=${T} σ=${vol}: ${r.message}`);
            expect(Math.abs(bsPrice(t, r.vol) - price)).toBeLessThanOrEqual(1e-12 * Math.max(1, price));
            // The vol is identified when a 1e-12 change in price is a small change in vol.
            const vega = bsGreeks(t, vol).vega;
            if (vega * vol > 1e-6 * Math.max(1, price)) expect(Math.abs(r.vol - vol) / vol).toBeLessThan(1e-6);
            expect(r.iterations).toBeLessThanOrEqual(30);
            checked++;
          }
    expect(checked).toBe(EXPIRIES.length * MONEYNESS.length * VOLS.length * 2);
  });

  it('is exact to 1e-10 in vol within two standard deviations of the money, in a few iterations', () => {
    for (const T of [MINUTE * 30, 1 / 365, 7 / 365, 0.25])
      for (const z of [-2, -1, -0.3, 0, 0.3, 1, 2])
        for (const right of ['C', 'P'] as const) {
          const t = at(right, spot * Math.exp(z * 0.14 * Math.sqrt(T)), T);
          const r = impliedVol(t, bsPrice(t, 0.14));
          expect(r.ok && Math.abs(r.vol - 0.14)).toBeLessThan(1e-10);
          expect(r.ok && r.iterations).toBeLessThanOrEqual(8);
        }
  });
});

describe('implied volatility at the edges says why there is no solution', () => {
  it('a price below the intrinsic value', () => {
    const r = impliedVol(at('C', 700, 7 / 365), 19.5);
    expect(r).toMatchObject({ ok: false, reason: 'below-intrinsic' });
    expect(!r.ok && r.message).toMatch(/price 19\.5000 is below the intrinsic value 20\.\d{4}/);
    expect(impliedVol(at('P', 740, 1 / 365), 19)).toMatchObject({ ok: false, reason: 'below-intrinsic' });
  });

  it('a price at or above what the option can be worth', () => {
    expect(impliedVol(at('C', 700, 7 / 365), 720)).toMatchObject({ ok: false, reason: 'above-maximum' });
    expect(impliedVol(at('P', 700, 7 / 365), 700)).toMatchObject({ ok: false, reason: 'above-maximum' });
  });

  it('an expired option, and nonsense input', () => {
    expect(impliedVol(at('C', 700, 0), 20)).toMatchObject({ ok: false, reason: 'expired' });
    expect(impliedVol(at('C', 700, 0.1), Number.NaN)).toMatchObject({ ok: false, reason: 'invalid-input' });
    expect(impliedVol(at('C', 700, 0.1), -1)).toMatchObject({ ok: false, reason: 'invalid-input' });
    expect(impliedVol({ ...at('C', 700, 0.1), spot: 0 }, 1)).toMatchObject({ ok: false, reason: 'invalid-input' });
  });

  it('a price exactly at intrinsic value has volatility 0; a worthless OTM option too', () => {
    const t = at('C', 700, 7 / 365);
    expect(impliedVol(t, bsPrice(t, 0))).toMatchObject({ ok: true, vol: 0 });
    expect(impliedVol(at('C', 800, 7 / 365), 0)).toMatchObject({ ok: true, vol: 0 });
  });

  it('minutes to expiry, deep out of the money: a tiny price still has its volatility', () => {
    const t = at('P', 715, 10 * MINUTE);
    const price = bsPrice(t, 0.3);
    expect(price).toBeGreaterThan(0);
    expect(price).toBeLessThan(1e-6);
    const r = impliedVol(t, price);
    expect(r.ok && r.vol).toBeCloseTo(0.3, 9);
  });
});
