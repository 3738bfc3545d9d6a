import { sessionOn } from '../calendar/index.js';
import { DAY_MS, type EpochMs, type TradingDate } from '../core/time.js';

/** Option time is calendar time, ACT/365, as the listed chain quotes it (7 days = 7/365). */
export const YEAR_MS = 365 * DAY_MS;

/**
 * Years from `t` to the moment the option expires: the close of its expiry session (16:00 New
 * York, 13:00 on early closes), not midnight and not a whole day count, so a 0DTE option at
 * 15:00 has one hour left and a weekly on Friday morning has hours, not "0 days". 0 at or after
 * the close.
 */
export function yearsToExpiry(t: EpochMs, expiresAt: EpochMs): number {
  return expiresAt > t ? (expiresAt - t) / YEAR_MS : 0;
}

/** When an expiry's options stop trading and expire: the close of its session. */
export function expiryClose(expiry: TradingDate): EpochMs {
  const session = sessionOn(expiry);
  if (!session) throw new RangeError(`expiry ${expiry} is not a trading session`);
  return session.close;
}
