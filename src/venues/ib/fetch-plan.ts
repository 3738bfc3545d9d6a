import { sessionsBetween, type Session } from '../../calendar/index.js';
import { MINUTE_MS, type EpochMs, type TradingDate } from '../../core/time.js';
import type { BarStore } from '../history/bar-store.js';

/** A session to download, and how many of its regular-hours minutes the store already holds. */
export interface SessionToFetch {
  session: Session;
  stored: number;
  expected: number;
}

export interface FetchPlan {
  /** Sessions whose every regular-hours minute is stored (from any source): not requested again. */
  complete: Session[];
  /** Sessions with minutes missing, partial ones included, oldest first. */
  toFetch: SessionToFetch[];
  /** Sessions of the range not closed yet at `now`: IB cannot serve them whole. */
  open: Session[];
}

/**
 * Which sessions of [from, to] still need 1-minute bars from IB. Throws the calendar's TypeError
 * or RangeError for a malformed date or one outside 1990–2035.
 */
export async function planFetch(store: BarStore, symbol: string, from: TradingDate, to: TradingDate, now: EpochMs): Promise<FetchPlan> {
  const plan: FetchPlan = { complete: [], toFetch: [], open: [] };
  for (const session of sessionsBetween(from, to)) {
    if (session.close > now) {
      plan.open.push(session);
      continue;
    }
    const expected = Math.round((session.close - session.open) / MINUTE_MS);
    const stored = await store.countBars(symbol, '1m', { fromMs: session.open, toMs: session.close });
    if (stored >= expected) plan.complete.push(session);
    else plan.toFetch.push({ session, stored, expected });
  }
  return plan;
}
