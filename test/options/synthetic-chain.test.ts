import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/config/schema.js';
import type { PricingSettings } from '../../src/config/sections/backtest.js';
import { bsPrice, forwardPrice } from '../../src/options/black-scholes.js';
import { impliedVol } from '../../src/options/implied-vol.js';
import { atmVolModel, barClosesSeries, StepSeries } from '../../src/options/iv-source.js';
import { skewParams } from '../../src/options/pricing-settings.js';
import { skewedVol } from '../../src/options/skew.js';
import { modelSpread, quoteAround } from '../../src/options/spread-model.js';
import { SyntheticChain } from '../../src/options/synthetic-chain.js';
import { expiryClose, yearsToExpiry } from '../../src/options/time-to-expiry.js';

const MONDAY_10AM = Date.UTC(2026, 4, 4, 14, 0);
const pricing = defaultSettings().backtest.pricing;
const rates = { rate: pricing.risk_free_rate, dividendYield: pricing.dividend_yield };
const chainAt = (t = MONDAY_10AM, spot = 720.4, p: PricingSettings = pricing) => new SyntheticChain('SPY', t, spot, () => 0.13, p);

describe('synthetic chain: what SPY would have listed', () => {
  it('the expiries listed that day that have not closed, over 60 days', () => {
    const chain = chainAt();
    expect(chain.expiries().slice(0, 6)).toEqual(['2026-05-04', '2026-05-05', '2026-05-06', '2026-05-07', '2026-05-08', '2026-05-11']);
    expect(chain.expiries().at(-1)).toBe('2026-07-02');
    const afterClose = chainAt(Date.UTC(2026, 4, 4, 20, 0));
    expect(afterClose.expiries()[0]).toBe('2026-05-05');
  });

  it('$1 strikes within strike_range_pct of spot, for every listed expiry and none other', () => {
    const strikes = chainAt().strikes('2026-05-08');
    expect(strikes[0]).toBe(649);
    expect(strikes.at(-1)).toBe(792);
    expect(strikes.every((k, i) => i === 0 || k - strikes[i - 1]! === 1)).toBe(true);
    expect(chainAt(MONDAY_10AM, 720.4, { ...pricing, strike_range_pct: 0.01 }).strikes('2026-05-08')).toEqual([714, 715, 716, 717, 718, 719, 720, 721, 722, 723, 724, 725, 726, 727]);
    expect(chainAt().strikes('2026-05-09')).toEqual([]);
    expect(chainAt().quote('2026-05-08', 720.5, 'C')).toBeUndefined();
  });
});

describe('synthetic chain: prices', () => {
  const chain = chainAt();
  const years = yearsToExpiry(MONDAY_10AM, expiryClose('2026-05-08'));

  it('the ATM-forward strike is priced at the ATM vol; others on the smile, puts richer below, calls cheaper above', () => {
    const iv = (k: number, right: 'C' | 'P') => {
      const r = impliedVol({ right, spot: 720.4, strike: k, years, ...rates }, chain.mid('2026-05-08', k, right));
      return r.ok ? r.vol : NaN;
    };
    const fwd = forwardPrice(720.4, years, rates);
    expect(fwd).toBeGreaterThan(720.4);
    expect(iv(710, 'P')).toBeGreaterThan(iv(715, 'P'));
    expect(iv(715, 'P')).toBeGreaterThan(0.13);
    expect(iv(725, 'C')).toBeLessThan(0.13);
    for (const k of [700, 720, 735]) expect(iv(k, 'C')).toBeCloseTo(skewedVol(0.13, Math.log(k / fwd), years, skewParams(pricing)), 9);
    // Same strike, same vol: put–call parity holds for the model mids.
    expect(chain.mid('2026-05-08', 715, 'C') - chain.mid('2026-05-08', 715, 'P')).toBeCloseTo(
      720.4 * Math.exp(-rates.dividendYield * years) - 715 * Math.exp(-rates.rate * years),
      10,
    );
  });

  it('quotes are on the cent grid around the model mid, one-sided far out of the money', () => {
    for (const k of [700, 715, 720, 725, 740]) {
      for (const right of ['C', 'P'] as const) {
        const q = chain.quote('2026-05-08', k, right)!;
        const mid = chain.mid('2026-05-08', k, right);
        expect(Math.abs((q.bid + q.ask) / 2 - mid)).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(Math.round(q.bid * 100)).toBeCloseTo(q.bid * 100, 9);
        expect(q.ask - q.bid).toBeGreaterThanOrEqual(0.01 - 1e-12);
        expect(Number.isNaN(q.volume)).toBe(true);
      }
    }
    const far = chainAt(Date.UTC(2026, 4, 4, 19, 55)).quote('2026-05-04', 760, 'C')!;
    expect(far.bid).toBeNaN();
    expect(far.ask).toBe(0.01);
  });

  it('is deterministic: the same inputs give the same quotes', () => {
    expect(chainAt().quote('2026-05-15', 705, 'P')).toEqual(chainAt().quote('2026-05-15', 705, 'P'));
  });
});

describe('ATM volatility sources', () => {
  const vix = new StepSeries(Float64Array.of(MONDAY_10AM - 86_400_000, MONDAY_10AM + 3_600_000), Float64Array.of(0.17, 0.25));

  it('fixed', () => {
    expect(atmVolModel(pricing, {})(MONDAY_10AM, 0.02)).toBe(0.15);
  });

  it('VIX: scale × VIX at 30 days, (T/30d)^term_exponent shorter, floored at one day; only what was known at t', () => {
    const model = atmVolModel({ ...pricing, iv_source: 'vix' }, { vix });
    expect(model(MONDAY_10AM, 30 / 365)).toBeCloseTo(0.84 * 0.17, 12);
    expect(model(MONDAY_10AM, 7 / 365)).toBeCloseTo(0.84 * 0.17 * (7 / 30) ** 0.08, 12);
    expect(model(MONDAY_10AM, 1 / (365 * 24))).toBe(model(MONDAY_10AM, 1 / 365));
    expect(model(MONDAY_10AM + 3_600_000, 30 / 365)).toBeCloseTo(0.84 * 0.25, 12);
    expect(model(MONDAY_10AM - 2 * 86_400_000, 30 / 365)).toBeNaN();
  });

  it('VIX bars from the store become known at their end; a daily close at its session close', () => {
    const open = (d: number) => Date.UTC(2026, 3, d, 13, 30); // 09:30 New York, April 2026
    const daily = barClosesSeries(Float64Array.of(open(29), open(30)), Float64Array.of(18.81, 17.5), '1d');
    expect(daily.ivAt(Date.UTC(2026, 3, 30, 14, 0))).toBeCloseTo(0.1881, 12); // 10:00 on the 30th: the 29th's close
    expect(daily.ivAt(Date.UTC(2026, 3, 30, 20, 0))).toBeCloseTo(0.175, 12); // 16:00: the 30th's close
    const fiveMinute = barClosesSeries(Float64Array.of(open(30)), Float64Array.of(17.2), '5m');
    expect(fiveMinute.ivAt(open(30) + 240_000)).toBeNaN();
    expect(fiveMinute.ivAt(open(30) + 300_000)).toBeCloseTo(0.172, 12);
  });

  it('a chain with no ATM vol at t has no quotes', () => {
    const chain = new SyntheticChain('SPY', MONDAY_10AM, 720, () => NaN, pricing);
    expect(chain.quote('2026-05-08', 720, 'C')).toBeUndefined();
  });

  it('a source the settings ask for but nobody supplied is an error naming the setting', () => {
    expect(() => atmVolModel({ ...pricing, iv_source: 'vix' }, {})).toThrow('backtest.pricing.iv_source is "vix" but no VIX series');
    expect(() => atmVolModel({ ...pricing, iv_source: 'realized' }, {})).toThrow('backtest.pricing.iv_source is "realized"');
  });

  it('realized: factor × the series', () => {
    const model = atmVolModel({ ...pricing, iv_source: 'realized' }, { realized: { ivAt: () => 0.1 } });
    expect(model(MONDAY_10AM, 0.02)).toBeCloseTo(0.12, 12);
  });

  it('a bsPrice at the model vol is what the chain quotes', () => {
    const chain = new SyntheticChain('SPY', MONDAY_10AM, 720, atmVolModel(pricing, {}), { ...pricing, skew: { ...pricing.skew, slope: 0, put_curvature: 0, call_curvature: 0 } });
    const years = yearsToExpiry(MONDAY_10AM, expiryClose('2026-05-15'));
    expect(chain.mid('2026-05-15', 730, 'C')).toBeCloseTo(bsPrice({ right: 'C', spot: 720, strike: 730, years, ...rates }, 0.15), 12);
  });
});

describe('spread model', () => {
  const p = { base: 0.009, perTimeValue: 0.0014, perIntrinsic: 0.023, tick: 0.01 };

  it('quotes whole ticks as exact decimals, at least one tick wide, wider in the money', () => {
    expect(quoteAround(4.234, 0, p)).toEqual({ bid: 4.22, ask: 4.25 });
    expect(modelSpread(4.234, 0, p)).toBe(0.03);
    expect(modelSpread(0.05, 0, p)).toBe(0.02);
    expect(modelSpread(12, 10, p)).toBe(0.48); // 2 × (0.009 + 0.0014 × 2 + 0.023 × 10)
    expect(modelSpread(0.001, 0, { ...p, base: 0 })).toBe(0.01);
  });

  it('a nearly worthless option has no bid and an ask of twice its mid, at least a tick', () => {
    expect(quoteAround(0.004, 0, p)).toEqual({ bid: 0, ask: 0.01 });
    expect(quoteAround(0.0071, 0, p)).toEqual({ bid: 0, ask: 0.02 });
  });
});
