import type { Settings } from '../config/schema.js';
import type { DailyRiskState } from './daily-state.js';

export interface EntryContext {
  state: DailyRiskState;
  openPositions: number;
  /** True when the symbol already has an open position or a working entry. */
  symbolBusy: boolean;
  /** Minutes until the session close. */
  minutesToClose: number;
}

/** The exposure rules checked before any order exists; null when the entry may proceed. */
export function entryBlock(risk: Settings['risk'], schedule: Settings['schedule'], ctx: EntryContext): string | null {
  if (ctx.state.halted) return `halted: ${ctx.state.haltReason ?? 'daily loss guard'}`;
  if (ctx.minutesToClose <= schedule.no_entries_before_close_minutes) {
    return `no new entries within ${schedule.no_entries_before_close_minutes} min of the close`;
  }
  if (ctx.symbolBusy) return 'already positioned in this symbol';
  if (ctx.openPositions >= risk.max_open_positions) return `max open positions ${risk.max_open_positions} reached`;
  if (ctx.state.entriesToday >= risk.max_trades_per_session) return `max trades per session ${risk.max_trades_per_session} reached`;
  return null;
}
