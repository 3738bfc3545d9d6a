import { z } from 'zod';
import { fraction, nonNegative, section } from '../fields.js';

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
  pricing: section({
    iv_source: z.enum(['fixed', 'vix', 'realized'], { error: 'must be "fixed", "vix" or "realized"' }).default('fixed'),
    fixed_iv: z.number().positive({ error: 'must be > 0' }).max(5, { error: 'must be ≤ 5 (500 %)' }).default(0.15),
    risk_free_rate: z.number().min(-0.05).max(0.5, { error: 'must be between -0.05 and 0.5' }).default(0.045),
    dividend_yield: fraction().default(0.013),
  }),
});
