import { z } from 'zod';
import { fraction, nonNegative, section } from '../fields.js';

/** How backtests and rehearsals price, fill and charge. */
export const backtestSettings = section({
  initial_equity: z.number().positive({ error: 'must be > 0' }).default(100_000),
  instrument: z.enum(['option', 'stock'], { error: 'must be "option" or "stock"' }).default('option'),
  fees: section({
    per_contract: nonNegative().default(0.65),
    min_per_order: nonNegative().default(1),
  }),
  /** Extra cost per fill, in ticks of the traded instrument. */
  slippage_ticks: nonNegative().default(0),
  pricing: section({
    iv_source: z.enum(['fixed', 'vix', 'realized'], { error: 'must be "fixed", "vix" or "realized"' }).default('fixed'),
    fixed_iv: z.number().positive({ error: 'must be > 0' }).max(5, { error: 'must be ≤ 5 (500 %)' }).default(0.15),
    risk_free_rate: z.number().min(-0.05).max(0.5, { error: 'must be between -0.05 and 0.5' }).default(0.045),
    dividend_yield: fraction().default(0.013),
  }),
});
