import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { isRegularHours } from '../calendar/index.js';
import { contractId } from '../core/option-contract.js';
import type { Position } from '../core/position.js';
import type { EpochMs } from '../core/time.js';
import { writeFileAtomic } from './atomic-file.js';

export const HEARTBEAT_FILE = 'heartbeat.json';

const connectionState = z.enum(['connected', 'disconnected', 'reconnecting']);
export type ConnectionState = z.infer<typeof connectionState>;

/** A position as the heartbeat shows it: readable instrument id, no nested objects. */
const heldPosition = z.object({
  /** `contractId` of an option ("SPY 2024-04-05 520C") or the stock symbol. */
  instrument: z.string(),
  quantity: z.number(),
  entry_price: z.number(),
  entry_ts: z.number(),
});
export type HeldPosition = z.infer<typeof heldPosition>;

/**
 * `data/state/heartbeat.json`, rewritten atomically by the live loop every
 * `logging.heartbeat_seconds`. Times are epoch ms UTC; sizes in MB (MiB).
 */
const heartbeatSchema = z.object({
  ts: z.number(),
  pid: z.number().int(),
  run_id: z.string(),
  /** What the run does with orders: logged only (dry-run), sent to IB (send), or a rehearsal (simulate). */
  mode: z.enum(['dry-run', 'send', 'simulate']),
  /** The interval the writer promised: `optbot status` calls a heartbeat older than twice this stale. */
  heartbeat_interval_s: z.number().positive(),
  uptime_s: z.number(),
  cycles: z.number().int(),
  /** Start of the last 1-minute bar received, or null before the first one. */
  last_bar_ts: z.number().nullable(),
  connection: connectionState,
  rss_mb: z.number(),
  in_regular_hours: z.boolean(),
  halted: z.boolean(),
  halt_reason: z.string().nullable(),
  positions: z.array(heldPosition),
});
export type Heartbeat = z.infer<typeof heartbeatSchema>;

/** What the run loop knows about itself; `heartbeatAt` adds the clock and the process figures. */
export interface RunVitals {
  runId: string;
  mode: Heartbeat['mode'];
  startedTs: EpochMs;
  intervalSeconds: number;
  cycles: number;
  lastBarTs: EpochMs | null;
  connection: ConnectionState;
  halted: boolean;
  haltReason: string | null;
  positions: readonly Position[];
}

export const heldPositionOf = (p: Position): HeldPosition => ({
  instrument: p.instrument.kind === 'option' ? contractId(p.instrument.contract) : p.instrument.symbol,
  quantity: p.quantity,
  entry_price: p.entryPrice,
  entry_ts: p.entryTs,
});

/** The heartbeat at `now`; the caller passes `process.pid` and `process.memoryUsage.rss()`. */
export function heartbeatAt(now: EpochMs, v: RunVitals, proc: { pid: number; rssBytes: number }): Heartbeat {
  return {
    ts: now,
    pid: proc.pid,
    run_id: v.runId,
    mode: v.mode,
    heartbeat_interval_s: v.intervalSeconds,
    uptime_s: Math.round((now - v.startedTs) / 1000),
    cycles: v.cycles,
    last_bar_ts: v.lastBarTs,
    connection: v.connection,
    rss_mb: Math.round((proc.rssBytes / 1024 / 1024) * 10) / 10,
    in_regular_hours: isRegularHours(now),
    halted: v.halted,
    halt_reason: v.haltReason,
    positions: v.positions.map(heldPositionOf),
  };
}

export function writeHeartbeat(stateDir: string, hb: Heartbeat): void {
  writeFileAtomic(join(stateDir, HEARTBEAT_FILE), JSON.stringify(hb, null, 2) + '\n');
}

export type HeartbeatRead =
  | { status: 'missing'; path: string }
  | { status: 'invalid'; path: string; problem: string }
  | { status: 'ok'; path: string; heartbeat: Heartbeat };

/** Reads the heartbeat file; a missing or malformed file is an answer, not an exception. */
export function readHeartbeat(stateDir: string): HeartbeatRead {
  const path = join(stateDir, HEARTBEAT_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { status: 'missing', path };
    return { status: 'invalid', path, problem: `cannot read: ${code ?? (e as Error).message}` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { status: 'invalid', path, problem: `not JSON: ${(e as Error).message}` };
  }
  const parsed = heartbeatSchema.safeParse(raw);
  if (parsed.success) return { status: 'ok', path, heartbeat: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { status: 'invalid', path, problem: `${issue.path.join('.') || '(top)'}: ${issue.message}` };
}
