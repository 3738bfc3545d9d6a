import type { TradingDate } from '../core/time.js';
import { freshDailyState, type DailyRiskState, type DailyStateStore } from '../risk/daily-state.js';

/**
 * The engine's daily-state store in the run loop. The engine's saves only mark the state dirty:
 * the loop writes the whole runtime state (engine, broker, journal position) once the minute is
 * done. While a corrupt state file blocks entries, every day it hands out is halted with the
 * block's message, so the engine refuses each entry with it.
 */
export class TrackedDailyState implements DailyStateStore {
  /** Set by the engine's saves and by strategy evaluations that changed a state (`watchEvaluations`); the loop clears it once saved. */
  dirty = false;

  constructor(
    private saved: DailyRiskState | null,
    private readonly blocked: string | null,
    /** Equity for a blocked day's base (nothing is traded against it). */
    private readonly equity: () => number,
  ) {}

  load(date: TradingDate): DailyRiskState | null {
    const state = this.saved?.date === date ? { ...this.saved } : null;
    return this.blocked === null ? state : blockedDay(state ?? freshDailyState(date, this.equity()), this.blocked);
  }

  save(state: DailyRiskState): void {
    this.saved = { ...state };
    this.dirty = true;
  }
}

/** A day that refuses entries with `message`. */
export const blockedDay = (day: DailyRiskState, message: string): DailyRiskState => ({ ...day, halted: true, haltReason: message });
