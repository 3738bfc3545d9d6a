import { z } from 'zod';
import { nonNegativeInt, section } from '../fields.js';

/** How an approved signal becomes a bracket order. */
export const executionSettings = section({
  /** Parent limit price: the ask, the mid, or the mid plus `entry_offset_ticks`. */
  entry_price: z.enum(['ask', 'mid', 'mid_plus_ticks'], { error: 'must be ask, mid or mid_plus_ticks' }).default('ask'),
  entry_offset_ticks: nonNegativeInt().default(1),
  /** Cancel an unfilled parent after this many seconds (0: keep it for the day). */
  cancel_unfilled_after_seconds: nonNegativeInt().default(60),
  /**
   * Option tick rule. SPY is in the penny programme: $0.01 at every price. `nickel_above_3` is
   * the classic rule ($0.05 at $3 and above) for underlyings outside it.
   */
  option_tick: z.enum(['penny', 'nickel_above_3'], { error: 'must be penny or nickel_above_3' }).default('penny'),
});
