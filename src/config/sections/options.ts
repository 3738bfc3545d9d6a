import { z } from 'zod';
import { fraction, nonNegativeInt, positiveInt, section } from '../fields.js';

/** A window of days to expiry: the nearest listed expiry inside it is traded. */
const expiryWindow = z
  .strictObject({ min_days: nonNegativeInt(), max_days: nonNegativeInt() })
  .refine((w) => w.min_days <= w.max_days, { error: 'min_days must be ≤ max_days', path: ['max_days'] });

/** Which option contract a signal trades: BUY buys a call, SELL buys a put. */
export const optionSettings = section({
  /**
   * weekly: the nearest Friday expiry (or that week's last session) at least a day away;
   * 0dte: today's expiry; {min_days, max_days}: the nearest expiry within that many calendar days.
   */
  expiry: z
    .union([z.enum(['weekly', '0dte']), expiryWindow], { error: 'must be "weekly" or "0dte", or {min_days: N, max_days: N}' })
    .default('weekly'),
  /**
   * atm: the strike nearest the underlying; {itm_strikes: n} / {otm_strikes: n}: n listed strikes
   * in / out of the money from there; {delta: d}: the strike whose |delta| is nearest d.
   */
  moneyness: z
    .union(
      [
        z.literal('atm'),
        z.strictObject({ itm_strikes: positiveInt() }),
        z.strictObject({ otm_strikes: positiveInt() }),
        z.strictObject({ delta: z.number().gt(0, { error: 'must be between 0 and 1' }).lt(1, { error: 'must be between 0 and 1' }) }),
      ],
      { error: 'must be "atm", {itm_strikes: N}, {otm_strikes: N} or {delta: D} with 0 < D < 1' },
    )
    .default('atm'),
  /** (ask − bid) / mid above this rejects the contract. */
  max_spread_pct: fraction().default(0.1),
  /** Contracts traded in the session so far below this rejects the contract. */
  min_volume: nonNegativeInt().default(10),
});

export type OptionSettings = z.infer<typeof optionSettings>;
