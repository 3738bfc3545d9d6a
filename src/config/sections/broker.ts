import { z } from 'zod';
import { nonNegativeInt, positiveInt, section } from '../fields.js';

const positiveSeconds = () => z.number({ error: 'must be a number' }).positive({ error: 'must be > 0 (seconds)' });

/** IB Gateway connection. Ports: 4002 paper / 4001 live (IB Gateway), 7497 paper / 7496 live (TWS). */
export const brokerSettings = section({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(1, { error: 'must be a TCP port (1–65535)' }).max(65535, { error: 'must be a TCP port (1–65535)' }).default(4002),
  client_id: z.number().int().min(0).default(101),
  /** When true the IB broker refuses every order message, whatever dry_run says: a monitoring-only session. */
  read_only: z.boolean().default(false),
  /** Live with real orders: orders or positions at IB the bot cannot account for block entries (block) or are only reported (ignore). */
  unknown_holdings: z.enum(['block', 'ignore'], { error: 'must be "block" or "ignore"' }).default('block'),
  connect_timeout_seconds: positiveInt().default(10),
  /** Ids tried in order when `client_id` is in use (IB error 326) after its retries. */
  client_id_fallbacks: z.array(z.number().int().min(0)).default([102, 103, 104]),
  /** Retries of an id answered with 326 before the next one: IB frees a dropped client's id after a few seconds. */
  client_id_retries: nonNegativeInt().default(1),
  client_id_retry_seconds: positiveSeconds().default(3),
  /** Reconnect backoff after a drop or a Gateway restart: doubles from the first delay up to the cap. */
  reconnect_initial_seconds: positiveSeconds().default(1),
  reconnect_max_seconds: positiveSeconds().default(60),
  /** A subscribed feed silent this long during regular hours raises an alarm and a reconnect. */
  watchdog_seconds: positiveSeconds().default(150),
  /** A request unanswered this long fails (slow or lost replies). */
  request_timeout_seconds: positiveSeconds().default(30),
  /** Outgoing messages per second, under IB's limit of 50. */
  max_messages_per_second: positiveInt().max(50, { error: 'must be ≤ 50 (IB disconnects clients above 50 messages/s)' }).default(45),
  /** `optbot fetch`: the wait after a historical pacing violation (IB 162), doubling per retry up to the cap. */
  pacing_backoff_seconds: positiveSeconds().default(30),
  pacing_backoff_max_seconds: positiveSeconds().default(600),
  /** Retries of one request answered with 162 before its session is reported as failed. */
  pacing_retries: nonNegativeInt().default(5),
});

export const LIVE_PORTS: readonly number[] = [4001, 7496];
export const PAPER_PORTS: readonly number[] = [4002, 7497];
