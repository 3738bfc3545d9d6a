import { z } from 'zod';
import { backtestSettings } from './sections/backtest.js';
import { brokerSettings } from './sections/broker.js';
import { dataSettings } from './sections/data.js';
import { executionSettings } from './sections/execution.js';
import { logSettings } from './sections/logging.js';
import { optionSettings } from './sections/options.js';
import { riskSettings } from './sections/risk.js';
import { scheduleSettings } from './sections/schedule.js';
import { strategySettings } from './sections/strategy.js';

/**
 * The one schema of every setting: the source of the `Settings` type and of every default.
 * Sections live in ./sections, one file each; unknown keys anywhere are errors.
 */
export const settingsSchema = z.strictObject({
  broker: brokerSettings,
  /** Orders are only logged, never sent. `false` is honoured only by `optbot live --place-orders`. */
  dry_run: z.boolean().default(true),
  symbols: z
    .array(z.string().regex(/^[A-Z][A-Z0-9.]{0,9}$/, { error: 'must be an upper-case ticker such as SPY' }))
    .min(1, { error: 'must list at least one symbol' })
    .default(['SPY']),
  schedule: scheduleSettings,
  risk: riskSettings,
  options: optionSettings,
  execution: executionSettings,
  strategy: strategySettings,
  backtest: backtestSettings,
  data: dataSettings,
  logging: logSettings,
});

export type Settings = z.infer<typeof settingsSchema>;

/** Every default, as the schema defines them. */
export const defaultSettings = (): Settings => settingsSchema.parse({});
