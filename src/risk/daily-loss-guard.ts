import type { DailyRiskState } from './daily-state.js';

/**
 * True when the day's P&L (realised plus marked-to-market, i.e. equity now against the
 * session's starting equity) is at or below −maxDailyLossPct of that starting equity.
 */
export function breachesDailyLoss(state: DailyRiskState, equityNow: number, maxDailyLossPct: number): boolean {
  return equityNow - state.startEquity <= -maxDailyLossPct * state.startEquity;
}

export function haltReason(state: DailyRiskState, equityNow: number, maxDailyLossPct: number): string {
  const pnl = equityNow - state.startEquity;
  const pct = (pnl / state.startEquity) * 100;
  return `daily loss guard: P&L $${pnl.toFixed(2)} (${pct.toFixed(2)} %) ≤ −${(maxDailyLossPct * 100).toFixed(2)} % of $${state.startEquity.toFixed(2)}`;
}
