import { z } from 'zod';
import { section } from '../fields.js';

export const logSettings = section({
  level: z.enum(['debug', 'info', 'warn', 'error'], { error: 'must be debug, info, warn or error' }).default('info'),
  /** JSON-lines log file; empty string turns file logging off. */
  file: z.string().default('data/logs/optbot.jsonl'),
});
