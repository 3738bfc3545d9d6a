import type { Settings } from '../config/schema.js';
import { MINUTE_MS } from '../core/time.js';
import type { Session } from '../calendar/index.js';

/** The times of one session at which the engine acts, computed once per session. */
export interface SessionPlan {
  session: Session;
  /** Cycle times are open + k × interval, for open < t < close. */
  intervalMs: number;
  /** Positions in the flatten scope are closed at this tick (flatten_time, or 5 min before an early close). */
  flattenAt: number;
  /** Stock positions are closed here so the market order fills at the last bar's open. */
  lastBarStart: number;
  /** Entries stop at this time. */
  entriesUntil: number;
}

export function planSession(session: Session, schedule: Settings['schedule']): SessionPlan {
  const [h, m] = schedule.flatten_time.split(':').map(Number) as [number, number];
  // The flatten time is a wall-clock time of the session's date: offset from the open (09:30 ET) keeps DST out of it.
  const flattenFromOpen = ((h - 9) * 60 + (m - 30)) * MINUTE_MS;
  return {
    session,
    intervalMs: schedule.interval_seconds * 1000,
    flattenAt: Math.min(session.open + flattenFromOpen, session.close - 5 * MINUTE_MS),
    lastBarStart: session.close - MINUTE_MS,
    entriesUntil: session.close - schedule.no_entries_before_close_minutes * MINUTE_MS,
  };
}

export const isCycleTime = (plan: SessionPlan, t: number): boolean => {
  if (!(t > plan.session.open && t < plan.session.close)) return false;
  const k = (t - plan.session.open) / plan.intervalMs;
  return k === Math.floor(k);
};
