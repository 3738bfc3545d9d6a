import type { TradingDate } from '../core/time.js';
import { FIRST_DAY, FIRST_YEAR, FRIDAY, LAST_DAY, LAST_YEAR, dateOf, dayOf, nthWeekday, type DayNumber } from './days.js';
import { closeHours } from './nyse-rules.js';

/**
 * SPY option expiry dates (the last trading day of each series), by rule.
 *
 * | series                  | expiry weekday | first expiry modelled | listed from | holiday moves to |
 * |-------------------------|----------------|-----------------------|-------------|------------------|
 * | monthly (3rd Friday)    | Fri            | whole range           | –           | previous session |
 * | Friday weeklies         | Fri            | 2005-10-28            | 2005-10-27  | previous session |
 * | Wednesday weeklies      | Wed            | 2016-09-14            | 2016-09-07  | previous session |
 * | Monday weeklies         | Mon            | 2018-02-26            | 2018-02-16  | next session     |
 * | Tuesday and Thursday    | Tue, Thu       | 2022-11-15 / 11-17    | 2022-11-14  | previous session |
 *
 * SPY options themselves began trading in January 2005; earlier third Fridays are the standard
 * equity-option cycle, modelled so that old data still has an expiry to pick. Cboe introduced
 * Weeklys in October 2005 (on index options; SPY's are taken to start then, as the project
 * decided). Wednesday SPY weeklies were first listed on 2016-09-07 (MIAX alert), Monday ones on
 * 2018-02-16 (Cboe; a holiday Monday's series expires the next business day), Tuesday/Thursday
 * ones in the week of 2022-11-14: the first Tuesday/Thursday series is uncertain to about a week.
 * Quarterly and end-of-month series, and how many weeks ahead each series is listed, are not
 * modelled: every expiry of an active series within the horizon counts as listed.
 */
interface Series {
  name: string;
  /** The nominal expiry days of a month. */
  days: (year: number, month: number) => DayNumber[];
  /** Expiries before this day are not of this series (its first expiry). */
  firstExpiry: DayNumber;
  /** A series is listed only from this day on. */
  listedFrom: DayNumber;
  holidayShift: 1 | -1;
  /** An end-of-week series, the kind `weeklyExpiry` picks. */
  endOfWeek: boolean;
}

function weekdaysOfMonth(year: number, month: number, wd: number): DayNumber[] {
  const out: DayNumber[] = [];
  for (let n = 1; n <= 5; n++) {
    const day = nthWeekday(year, month, wd, n);
    if (day < nthWeekday(year, month + 1, wd, 1)) out.push(day);
  }
  return out;
}

const NEVER_BEFORE = Number.NEGATIVE_INFINITY;

const EXPIRY_SERIES: readonly Series[] = [
  { name: 'monthly (3rd Friday)', days: (y, m) => [nthWeekday(y, m, FRIDAY, 3)], firstExpiry: NEVER_BEFORE, listedFrom: NEVER_BEFORE, holidayShift: -1, endOfWeek: true },
  { name: 'Friday weeklies', days: (y, m) => weekdaysOfMonth(y, m, 5), firstExpiry: dayOf('2005-10-28'), listedFrom: dayOf('2005-10-27'), holidayShift: -1, endOfWeek: true },
  { name: 'Wednesday weeklies', days: (y, m) => weekdaysOfMonth(y, m, 3), firstExpiry: dayOf('2016-09-14'), listedFrom: dayOf('2016-09-07'), holidayShift: -1, endOfWeek: false },
  { name: 'Monday weeklies', days: (y, m) => weekdaysOfMonth(y, m, 1), firstExpiry: dayOf('2018-02-26'), listedFrom: dayOf('2018-02-16'), holidayShift: 1, endOfWeek: false },
  { name: 'Tuesday dailies', days: (y, m) => weekdaysOfMonth(y, m, 2), firstExpiry: dayOf('2022-11-15'), listedFrom: dayOf('2022-11-14'), holidayShift: -1, endOfWeek: false },
  { name: 'Thursday dailies', days: (y, m) => weekdaysOfMonth(y, m, 4), firstExpiry: dayOf('2022-11-17'), listedFrom: dayOf('2022-11-14'), holidayShift: -1, endOfWeek: false },
];

interface ExpiryTable {
  /** Expiry days, ascending, unique. */
  days: Int32Array;
  /** The day from which each expiry is listed (the earliest over the series that share it). */
  listedFrom: Float64Array;
  /** Whether each expiry is an end-of-week (Friday, or that week's last session) expiry. */
  endOfWeek: Uint8Array;
}

let table: ExpiryTable | undefined;

function expiryTable(): ExpiryTable {
  if (table) return table;
  const hours = closeHours();
  const isSession = (day: DayNumber): boolean => day >= FIRST_DAY && day <= LAST_DAY && hours[day - FIRST_DAY] !== 0;
  const byDay = new Map<DayNumber, { listedFrom: number; endOfWeek: boolean }>();
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) {
    for (let m = 1; m <= 12; m++) {
      for (const s of EXPIRY_SERIES) {
        for (const nominal of s.days(y, m)) {
          if (nominal < s.firstExpiry) continue;
          let day = nominal;
          while (day >= FIRST_DAY && day <= LAST_DAY && !isSession(day)) day += s.holidayShift;
          if (!isSession(day)) continue;
          const prev = byDay.get(day);
          byDay.set(day, {
            listedFrom: Math.min(prev?.listedFrom ?? Infinity, s.listedFrom),
            endOfWeek: (prev?.endOfWeek ?? false) || s.endOfWeek,
          });
        }
      }
    }
  }
  const days = Int32Array.from([...byDay.keys()].sort((a, b) => a - b));
  table = {
    days,
    listedFrom: Float64Array.from(days, (d) => byDay.get(d)!.listedFrom),
    endOfWeek: Uint8Array.from(days, (d) => (byDay.get(d)!.endOfWeek ? 1 : 0)),
  };
  return table;
}

/** Index of the first expiry on or after day. */
function lowerBound(days: Int32Array, day: DayNumber): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid]! < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function checkDays(n: number, what: string): number {
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`${what} must be a whole number of days ≥ 0, got ${n}`);
  return n;
}

/** SPY expiries listed on `date`, from `date` itself (0 DTE) to `horizonDays` calendar days later, ascending. */
export function listedExpiries(date: TradingDate, horizonDays = 60): TradingDate[] {
  const day = dayOf(date);
  const end = day + checkDays(horizonDays, 'horizonDays');
  const t = expiryTable();
  const out: TradingDate[] = [];
  for (let i = lowerBound(t.days, day); i < t.days.length && t.days[i]! <= end; i++) {
    if (t.listedFrom[i]! <= day) out.push(dateOf(t.days[i]!));
  }
  return out;
}

/**
 * The nearest end-of-week expiry (the Friday, or that week's last session when the Friday is a
 * holiday) at least `minDte` calendar days after `date`.
 */
export function weeklyExpiry(date: TradingDate, minDte = 0): TradingDate {
  const day = dayOf(date);
  const t = expiryTable();
  for (let i = lowerBound(t.days, day + checkDays(minDte, 'minDte')); i < t.days.length; i++) {
    if (t.endOfWeek[i] && t.listedFrom[i]! <= day) return dateOf(t.days[i]!);
  }
  throw new RangeError(`no weekly expiry ${minDte} or more days after ${date} before ${LAST_YEAR}-12-31`);
}

/** `date` itself when a SPY expiry falls on it (a 0-DTE expiry), else null. */
export function zeroDteExpiry(date: TradingDate): TradingDate | null {
  const day = dayOf(date);
  const t = expiryTable();
  const i = lowerBound(t.days, day);
  return t.days[i] === day && t.listedFrom[i]! <= day ? date : null;
}

