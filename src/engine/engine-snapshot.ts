import type { Order } from '../core/order.js';
import type { DailyRiskState } from '../risk/daily-state.js';
import type { SubmitBracket } from './commands.js';
import type { OpenPosition } from './portfolio.js';

/**
 * Everything an engine holds between two events, as plain data: what live mode persists after
 * every change and restores after a restart (whale cooldowns, the guard, open positions, working
 * orders), and what a rehearsal restores to continue exactly where a crashed run stopped.
 * Numbers may be NaN or ±Infinity: persist it with an encoding that keeps them.
 */
export interface EngineSnapshot {
  /** Each symbol's strategy states (in the strategies' order) and last closed price. */
  books: Record<string, { states: unknown[]; last: number }>;
  cash: number;
  realized: number;
  positions: OpenPosition[];
  /** Orders the engine still follows (pending or working). */
  orders: Order[];
  /** Brackets whose parent has not filled yet. */
  pendingEntries: SubmitBracket[];
  /** The daily risk state of the last session the engine acted in (null before the first tick). */
  day: DailyRiskState | null;
}
