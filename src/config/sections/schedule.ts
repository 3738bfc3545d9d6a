import { positiveInt, section } from '../fields.js';
import { z } from 'zod';

/** When the bot evaluates its rules: every interval on the session clock (09:35, 09:40, …). */
export const scheduleSettings = section({
  interval_seconds: positiveInt()
    .refine((s) => 86_400 % s === 0, { error: 'must divide a day evenly (e.g. 60, 300, 900)' })
    .default(300),
  max_concurrent_symbols: positiveInt().default(1),
  /** Only evaluate inside regular trading hours (09:30–16:00 America/New_York, 13:00 on early closes). */
  regular_hours_only: z.boolean().default(true),
});
