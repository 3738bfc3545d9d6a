import { z } from 'zod';
import { fraction, nonNegative, positiveInt, section } from '../fields.js';

const finite = () => z.number({ error: 'must be a number' });

/**
 * How backtests price options they have no quotes for (src/options): Black–Scholes on the
 * underlying with an at-the-money IV source, a smile, and a bid/ask spread model. The smile and
 * spread defaults are fitted to the SPY chain of the 2026-05-01 close (README, "Options model").
 */
const pricingSettings = section({
  iv_source: z.enum(['fixed', 'vix', 'realized'], { error: 'must be "fixed", "vix" or "realized"' }).default('fixed'),
  fixed_iv: z.number().positive({ error: 'must be > 0' }).max(5, { error: 'must be ≤ 5 (500 %)' }).default(0.15),
  /** ATM IV at T = scale × VIX/100 × (max(T, 1 day) / 30 days)^term_exponent. */
  vix: section({
    /** The stored series read as the VIX: `optbot ingest vix.csv --symbol VIX --bar 1d`. */
    symbol: z.string().regex(/^[A-Z][A-Z0-9.]{0,9}$/, { error: 'must be an upper-case symbol such as VIX' }).default('VIX'),
    bar_size: z.enum(['1d', '5m', '1m'], { error: 'must be 1d, 5m or 1m' }).default('1d'),
    scale: z.number().positive({ error: 'must be > 0' }).default(0.84),
    term_exponent: z.number().min(-1).max(1, { error: 'must be between -1 and 1' }).default(0.08),
  }),
  /** ATM IV = factor × annualised volatility of the last window_bars 1-minute log returns (overnight gaps excluded). */
  realized: section({
    window_bars: positiveInt().min(2, { error: 'must be ≥ 2' }).default(390),
    factor: z.number().positive({ error: 'must be > 0' }).default(1.2),
  }),
  risk_free_rate: z.number().min(-0.05).max(0.5, { error: 'must be between -0.05 and 0.5' }).default(0.045),
  dividend_yield: fraction().default(0.013),
  /** σ(K) = σ_atm·(1 + slope·z + curvature·z²), z = ln(K/F)/(σ_atm·√T) clamped to ±max_z; put_curvature for z < 0. */
  skew: section({
    slope: finite().default(-0.29),
    put_curvature: finite().default(-0.04),
    call_curvature: finite().default(0.1),
    max_z: nonNegative().default(4),
  }),
  /** Half-spread = base + per_time_value·time value + per_intrinsic·intrinsic value; the spread is ≥ one tick. */
  spread: section({
    base: nonNegative().default(0.009),
    per_time_value: nonNegative().default(0.0014),
    per_intrinsic: nonNegative().default(0.023),
    tick: z
      .number()
      .positive({ error: 'must be > 0' })
      .refine((t) => Math.abs(1 / t - Math.round(1 / t)) < 1e-9, { error: 'must divide $1 evenly (0.01, 0.05, …)' })
      .default(0.01),
  }),
  /** The synthetic chain lists $1 strikes within this fraction of spot. */
  strike_range_pct: fraction().default(0.1),
  /** none: synthetic chains carry no volume, so options.min_volume is not applied in backtests. */
  synthetic_volume: z.enum(['none'], { error: 'must be "none" (no intraday option volume exists to fit a model)' }).default('none'),
});

/** How backtests and rehearsals price, fill and charge. */
export const backtestSettings = section({
  initial_equity: z.number().positive({ error: 'must be > 0' }).default(100_000),
  instrument: z.enum(['option', 'stock'], { error: 'must be "option" or "stock"' }).default('option'),
  /** IB's fixed commissions: the option schedule with its cheap-premium tiers, and the stock schedule. */
  fees: section({
    per_contract: nonNegative().default(0.65),
    /** Cheaper rates for cheap options: the first tier whose `premium_below` exceeds the premium applies. */
    premium_tiers: z
      .array(z.strictObject({ premium_below: z.number().positive({ error: 'must be > 0' }), per_contract: nonNegative() }))
      .refine((tiers) => tiers.every((t, i) => i === 0 || t.premium_below > tiers[i - 1]!.premium_below), {
        error: 'must list tiers by increasing premium_below',
      })
      .default([
        { premium_below: 0.05, per_contract: 0.25 },
        { premium_below: 0.1, per_contract: 0.5 },
      ]),
    min_per_order: nonNegative().default(1),
    stock: section({
      per_share: nonNegative().default(0.005),
      min_per_order: nonNegative().default(1),
      /** Cap per order as a fraction of the trade's value (0.01 = 1 %). */
      max_pct_of_value: fraction().default(0.01),
    }),
  }),
  /** Cost per fill in ticks of $0.01, always against the trader; limit orders never fill beyond their limit. */
  slippage_ticks: nonNegative().default(0),
  pricing: pricingSettings,
});

export type PricingSettings = z.infer<typeof pricingSettings>;
