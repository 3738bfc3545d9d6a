/**
 * Time in the core is a number of milliseconds since the Unix epoch, UTC. Sessions, bar grids
 * and the 09:30–16:00 window are computed in America/New_York by the calendar, never with
 * fixed offsets.
 */
export type EpochMs = number;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** A trading date as "YYYY-MM-DD" in America/New_York: the key of sessions and daily state. */
export type TradingDate = string;

/** A trading date as the number yyyymmdd, so it can travel among a signal's numeric facts. */
export function dateAsNumber(d: TradingDate): number {
  // Strategies ask for the same date at every cycle of a session: remember the last answer.
  if (d !== lastDate) {
    lastDate = d;
    lastDateNumber = Number(d.replaceAll('-', ''));
  }
  return lastDateNumber;
}
let lastDate = '';
let lastDateNumber = NaN;

/** The inverse of `dateAsNumber`. */
export const dateFromNumber = (n: number): TradingDate => {
  const s = String(n);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
};

export const isoUtc = (t: EpochMs): string => new Date(t).toISOString();
