import { z } from 'zod';
import { fraction, nonNegativeInt, section } from '../fields.js';

/** Which option contract a signal trades. */
export const optionSettings = section({
  /** weekly: the nearest Friday expiry (or that week's last session); 0dte: today's. */
  expiry: z.enum(['weekly', '0dte'], { error: 'must be "weekly" or "0dte"' }).default('weekly'),
  moneyness: z.enum(['atm'], { error: 'must be "atm"' }).default('atm'),
  /** (ask − bid) / mid above this rejects the contract. */
  max_spread_pct: fraction().default(0.1),
  min_volume: nonNegativeInt().default(10),
});
