/**
 * The NYSE session calendar (1990–2035) and the SPY option expiry calendar: pure functions of
 * dates and epoch-ms instants, computed from rules, with America/New_York arithmetic by luxon.
 */
export type { Session } from './sessions.js';
export {
  tradingDateOf,
  isSessionDate,
  sessionOn,
  sessionAt,
  nextSession,
  previousSession,
  sessionsBetween,
  sessionOrdinal,
  sessionByOrdinal,
  minuteGrid,
  isRegularHours,
} from './sessions.js';
export { listedExpiries, weeklyExpiry, zeroDteExpiry } from './expiries.js';
export { UNSCHEDULED_CLOSURES, ADHOC_EARLY_CLOSES } from './nyse-rules.js';
