import { z } from 'zod';
import { positiveInt, section } from '../fields.js';

export const logSettings = section({
  level: z.enum(['debug', 'info', 'warn', 'error'], { error: 'must be debug, info, warn or error' }).default('info'),
  /** JSON-lines log file; empty string turns file logging off. */
  file: z.string().default('data/logs/optbot.jsonl'),
  /** Size (MiB) at which the log file is renamed to FILE.1 and a new one started. */
  max_file_mb: z.number({ error: 'must be a number' }).positive({ error: 'must be > 0' }).default(10),
  /** Rotated files kept besides the current one (FILE.1 … FILE.N); older ones are deleted. */
  keep_files: positiveInt().default(5),
  /** The live loop writes data/state/heartbeat.json and logs a heartbeat line this often. */
  heartbeat_seconds: positiveInt().default(300),
});
