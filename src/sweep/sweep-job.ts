import type { Settings } from '../config/schema.js';
import type { EquityColumns } from '../journal/columns.js';
import type { TradeRecord } from '../journal/records.js';
import type { Statistics } from '../stats/statistics.js';
import type { SharedBars } from './shared-bars.js';
import type { VolTable } from './vol-series.js';

/** One backtest of a sweep: a variant's settings over bars [from, to) of the shared bars. */
export interface SweepJob {
  variant: number;
  segment: string;
  settings: Settings;
  from: number;
  to: number;
  /** Send back the trades and equity too (walk-forward test spans, which are stitched). */
  series: boolean;
  /** Jobs of a group get the same signals; strategies in `shared` get the same signals in other jobs too, so they are recorded (./signal-groups.ts). */
  group: number;
  shared: string[];
}

export interface JobResult {
  variant: number;
  segment: string;
  statistics: Statistics;
  bars: number;
  runMs: number;
  series?: { trades: TradeRecord[]; equity: EquityColumns };
}

/** What a worker posts back: a result or the error that stopped the job. */
export type WorkerReply = { ok: true; result: JobResult } | { ok: false; job: string; error: string };

/** What a worker is started with. */
export interface WorkerInit {
  bars: SharedBars;
  symbol: string;
  vol: VolTable;
}
