import { z } from 'zod';
import { nonNegativeInt, positiveInt, section, timeOfDay } from '../fields.js';

/** When the bot evaluates its rules: every interval on the session clock (09:35, 09:40, …). */
export const scheduleSettings = section({
  interval_seconds: positiveInt()
    .refine((s) => s % 60 === 0 && 86_400 % s === 0, { error: 'must be whole minutes dividing a day evenly (e.g. 60, 300, 900)' })
    .default(300),
  max_concurrent_symbols: positiveInt().default(1),
  /**
   * Only evaluate inside regular trading hours (09:30–16:00 America/New_York, 13:00 on early
   * closes). The bot has never traded outside them and the engine does not: false is refused.
   */
  regular_hours_only: z.literal(true, { error: 'must be true: cycles outside regular hours are not supported' }).default(true),
  /** No new entries this many minutes before the session close. */
  no_entries_before_close_minutes: nonNegativeInt().default(10),
  /** Time of day (America/New_York) at which positions in scope are closed at market. */
  flatten_time: timeOfDay().default('15:55'),
  /** Which positions the flatten time closes: none, those expiring today, or all. On early closes it applies 5 minutes before the close. */
  flatten_scope: z.enum(['none', 'expiring', 'all'], { error: 'must be none, expiring or all' }).default('expiring'),
});
