import { describe, expect, it } from 'vitest';
import { bsGreeks, bsPrice, newPriceDelta, priceAndDelta, type OptionTerms } from '../../src/options/black-scholes.js';
import { normCdf } from '../../src/options/normal.js';
import { yearsToExpiry } from '../../src/options/time-to-expiry.js';

const terms = (right: 'C' | 'P', spot: number, strike: number, years: number, rate: number, dividendYield = 0): OptionTerms => ({
  right,
  spot,
  strike,
  years,
  rate,
  dividendYield,
});

describe('Black–Scholes–Merton against Hull (Options, Futures and Other Derivatives)', () => {
  it('S=42, K=40, r=10 %, σ=20 %, T=0.5: call 4.76, put 0.81', () => {
    expect(bsPrice(terms('C', 42, 40, 0.5, 0.1), 0.2)).toBeCloseTo(4.7594, 4);
    expect(bsPrice(terms('P', 42, 40, 0.5, 0.1), 0.2)).toBeCloseTo(0.8086, 4);
  });

  it('the greeks of the 20-week call (S=49, K=50, r=5 %, σ=20 %): Δ 0.522, Γ 0.066, Θ −4.31/yr, vega 12.1, ρ 8.91', () => {
    const g = bsGreeks(terms('C', 49, 50, 20 / 52, 0.05), 0.2);
    expect(g.price).toBeCloseTo(2.4, 2);
    expect(g.delta).toBeCloseTo(0.522, 3);
    expect(g.gamma).toBeCloseTo(0.066, 3);
    expect(g.theta).toBeCloseTo(-4.31, 2);
    expect(g.vega).toBeCloseTo(12.1, 1);
    expect(g.rho).toBeCloseTo(8.91, 2);
  });

  it('the greeks of the 4-month index put with a 3 % dividend yield (S=305, K=300, r=8 %, σ=25 %): Γ 0.00857, Θ −18.15, vega 66.44, ρ −42.57', () => {
    const g = bsGreeks(terms('P', 305, 300, 4 / 12, 0.08, 0.03), 0.25);
    expect(g.gamma).toBeCloseTo(0.00857, 5);
    expect(g.theta).toBeCloseTo(-18.15, 2);
    expect(g.vega).toBeCloseTo(66.44, 1);
    expect(g.rho).toBeCloseTo(-42.57, 1);
  });

  it('an index call with a dividend yield (S=930, K=900, r=8 %, q=3 %, σ=20 %, 2 months): 51.83', () => {
    expect(bsPrice(terms('C', 930, 900, 2 / 12, 0.08, 0.03), 0.2)).toBeCloseTo(51.83, 2);
  });
});

describe('identities', () => {
  const grid = [0.7, 0.9, 0.97, 1, 1.03, 1.1, 1.4].flatMap((m) =>
    [1 / 525_600, 1 / 365, 7 / 365, 0.25, 2].flatMap((T) => [0.05, 0.2, 0.8].map((vol) => ({ K: 720 * m, T, vol }))),
  );

  it('put–call parity: C − P = S·e^{−qT} − K·e^{−rT} across moneyness, expiry and volatility', () => {
    for (const { K, T, vol } of grid) {
      const c = bsPrice(terms('C', 720, K, T, 0.045, 0.013), vol);
      const p = bsPrice(terms('P', 720, K, T, 0.045, 0.013), vol);
      expect(c - p).toBeCloseTo(720 * Math.exp(-0.013 * T) - K * Math.exp(-0.045 * T), 9);
    }
  });

  it('the greeks are the derivatives of the price (central differences)', () => {
    for (const right of ['C', 'P'] as const) {
      const t = terms(right, 720, 730, 0.05, 0.045, 0.013);
      const g = bsGreeks(t, 0.18);
      const bump = (patch: Partial<OptionTerms>, vol = 0.18) => bsPrice({ ...t, ...patch }, vol);
      expect(g.delta).toBeCloseTo((bump({ spot: 720.01 }) - bump({ spot: 719.99 })) / 0.02, 6);
      expect(g.gamma).toBeCloseTo((bump({ spot: 720.5 }) - 2 * g.price + bump({ spot: 719.5 })) / 0.25, 5);
      expect(g.vega).toBeCloseTo((bump({}, 0.1801) - bump({}, 0.1799)) / 0.0002, 4);
      expect(g.rho).toBeCloseTo((bump({ rate: 0.0451 }) - bump({ rate: 0.0449 })) / 0.0002, 4);
      expect(g.theta).toBeCloseTo(-(bump({ years: 0.05001 }) - bump({ years: 0.04999 })) / 0.00002, 2);
    }
  });

  it('priceAndDelta is bsGreeks’ price and delta, written into the caller’s object', () => {
    const out = newPriceDelta();
    for (const { K, T, vol } of grid) {
      for (const right of ['C', 'P'] as const) {
        const t = terms(right, 720, K, T, 0.045, 0.013);
        expect(priceAndDelta(t, vol, out)).toBe(out);
        const g = bsGreeks(t, vol);
        expect(out.price).toBe(g.price);
        expect(out.delta).toBe(g.delta);
      }
    }
  });

  it('at expiry the value is intrinsic; with no volatility, the discounted forward intrinsic', () => {
    expect(bsPrice(terms('C', 721, 720, 0, 0.045), 0.2)).toBe(1);
    expect(bsPrice(terms('P', 721, 720, 0, 0.045), 0.2)).toBe(0);
    expect(bsGreeks(terms('P', 719, 720, -1, 0.045), 0.2)).toMatchObject({ price: 1, delta: -1, gamma: 0, vega: 0 });
    expect(bsPrice(terms('C', 720, 700, 1, 0.05), 0)).toBeCloseTo(720 - 700 * Math.exp(-0.05), 12);
    expect(bsPrice(terms('C', 720, 800, 1, 0.05), 0)).toBe(0);
  });
});

describe('normal CDF', () => {
  it('matches reference values to 1e-15 relative, deep in the tails too', () => {
    // mpmath.ncdf at 40 digits
    const ref: [number, number][] = [
      [0, 0.5],
      [0.3, 0.6179114221889527],
      [-1, 0.15865525393145705],
      [-2.5, 0.006209665325776135],
      [-6, 9.86587645037698e-10],
      [-10, 7.619853024160525e-24],
      [-30, 4.906713927148187e-198],
      [3, 0.9986501019683699],
    ];
    for (const [x, p] of ref) expect(Math.abs(normCdf(x) - p) / p).toBeLessThan(1e-14);
  });
});

describe('time to expiry', () => {
  const close = Date.UTC(2026, 4, 8, 20, 0); // 2026-05-08 16:00 New York
  it('counts calendar time to the session close, ACT/365', () => {
    expect(yearsToExpiry(Date.UTC(2026, 4, 1, 20, 0), close)).toBeCloseTo(7 / 365, 15);
    expect(yearsToExpiry(close - 60_000, close) * 365 * 24 * 60).toBeCloseTo(1, 9);
    expect(yearsToExpiry(close, close)).toBe(0);
    expect(yearsToExpiry(close + 60_000, close)).toBe(0);
  });
});
