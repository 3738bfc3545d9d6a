import type { TradingDate } from '../core/time.js';

/**
 * The risk state of one trading date. It is keyed by that date, so a state saved yesterday can
 * never halt today: a new session starts from a fresh state (the old bot's stale-state bug).
 */
export interface DailyRiskState {
  date: TradingDate;
  /** Equity at the session's first decision: the base of the daily loss percentage. */
  startEquity: number;
  halted: boolean;
  haltReason: string | null;
  entriesToday: number;
}

export const freshDailyState = (date: TradingDate, startEquity: number): DailyRiskState => ({
  date,
  startEquity,
  halted: false,
  haltReason: null,
  entriesToday: 0,
});

/** Where the daily state lives: memory in backtests, an atomic file in live and rehearsals. */
export interface DailyStateStore {
  /** The state saved for `date`, or null; a state of another date is never returned. */
  load(date: TradingDate): DailyRiskState | null;
  save(state: DailyRiskState): void;
}

export class MemoryDailyStateStore implements DailyStateStore {
  private current: DailyRiskState | null = null;

  load(date: TradingDate): DailyRiskState | null {
    return this.current?.date === date ? { ...this.current } : null;
  }

  save(state: DailyRiskState): void {
    this.current = { ...state };
  }
}
