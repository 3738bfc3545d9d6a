import { DAY_MS, type TradingDate } from '../core/time.js';

/**
 * Calendar dates as day numbers (days since 1970-01-01 in the proleptic Gregorian calendar).
 * This is date arithmetic only, with no time zone and no clock: the calendar maps day numbers
 * to America/New_York instants in `sessions.ts`.
 */
export type DayNumber = number;

export const FIRST_YEAR = 1990;
export const LAST_YEAR = 2035;

export const dayFromCivil = (year: number, month: number, day: number): DayNumber =>
  Date.UTC(year, month - 1, day) / DAY_MS;

export const FIRST_DAY: DayNumber = dayFromCivil(FIRST_YEAR, 1, 1);
export const LAST_DAY: DayNumber = dayFromCivil(LAST_YEAR, 12, 31);
/** Number of days the calendar covers, 1990-01-01 … 2035-12-31 inclusive. */
export const DAY_COUNT = LAST_DAY - FIRST_DAY + 1;

export const SUNDAY = 0;
export const MONDAY = 1;
export const TUESDAY = 2;
export const WEDNESDAY = 3;
export const THURSDAY = 4;
export const FRIDAY = 5;
export const SATURDAY = 6;

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export const weekday = (day: DayNumber): number => (((day + 4) % 7) + 7) % 7;

export interface Civil {
  year: number;
  month: number;
  day: number;
}

export function civilFromDay(day: DayNumber): Civil {
  const d = new Date(day * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function outOfRange(what: string): RangeError {
  return new RangeError(`${what} is outside the calendar's range ${FIRST_YEAR}-01-01 … ${LAST_YEAR}-12-31`);
}

export function checkDay(day: DayNumber, what: string): DayNumber {
  if (!(day >= FIRST_DAY && day <= LAST_DAY)) throw outOfRange(what);
  return day;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const dayOfCache = new Map<string, DayNumber>();

/** Parses a "YYYY-MM-DD" trading date; throws a TypeError when malformed, a RangeError outside 1990–2035. */
export function dayOf(date: TradingDate): DayNumber {
  const cached = dayOfCache.get(date);
  if (cached !== undefined) return cached;
  const m = typeof date === 'string' ? DATE_RE.exec(date) : null;
  if (!m) throw new TypeError(`not a trading date "YYYY-MM-DD": ${JSON.stringify(date)}`);
  const [year, month, dom] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = dayFromCivil(year, month, dom);
  const back = civilFromDay(day);
  if (back.month !== month || back.day !== dom) throw new TypeError(`no such date: ${date}`);
  checkDay(day, date);
  dayOfCache.set(date, day);
  return day;
}

const dateStrings: (TradingDate | undefined)[] = new Array<TradingDate | undefined>(DAY_COUNT).fill(undefined);
const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;

/** The "YYYY-MM-DD" of a day number inside the range; one string per day, cached. */
export function dateOf(day: DayNumber): TradingDate {
  const i = day - FIRST_DAY;
  let s = dateStrings[i];
  if (s === undefined) {
    checkDay(day, `day ${day}`);
    const c = civilFromDay(day);
    s = `${c.year}-${pad2(c.month)}-${pad2(c.day)}`;
    dateStrings[i] = s;
  }
  return s;
}

/** The n-th (1-based) given weekday of a month, or with n = -1 the last one. */
export function nthWeekday(year: number, month: number, wd: number, n: number): DayNumber {
  if (n > 0) {
    const first = dayFromCivil(year, month, 1);
    return first + ((wd - weekday(first) + 7) % 7) + 7 * (n - 1);
  }
  const last = dayFromCivil(year, month + 1, 1) - 1;
  return last - ((weekday(last) - wd + 7) % 7);
}

/** Easter Sunday (Gregorian), by the anonymous "Meeus/Jones/Butcher" computus. */
export function easterSunday(year: number): DayNumber {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const dom = ((h + l - 7 * m + 114) % 31) + 1;
  return dayFromCivil(year, month, dom);
}
