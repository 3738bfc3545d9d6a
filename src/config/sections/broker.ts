import { z } from 'zod';
import { positiveInt, section } from '../fields.js';

/** IB Gateway connection. Ports: 4002 paper / 4001 live (IB Gateway), 7497 paper / 7496 live (TWS). */
export const brokerSettings = section({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(1, { error: 'must be a TCP port (1–65535)' }).max(65535, { error: 'must be a TCP port (1–65535)' }).default(4002),
  client_id: z.number().int().min(0).default(101),
  /** When true the IB broker refuses every order message, whatever dry_run says: a monitoring-only session. */
  read_only: z.boolean().default(false),
  connect_timeout_seconds: positiveInt().default(10),
});

export const LIVE_PORTS: readonly number[] = [4001, 7496];
export const PAPER_PORTS: readonly number[] = [4002, 7497];
