import { DateTime } from 'luxon';
import { DAY_MS, MINUTE_MS, type EpochMs, type TradingDate } from '../core/time.js';
import { DAY_COUNT, FIRST_DAY, LAST_DAY, checkDay, civilFromDay, dateOf, dayOf, outOfRange, type DayNumber } from './days.js';
import { closeHours } from './nyse-rules.js';

export const NEW_YORK = 'America/New_York';

/** One NYSE regular-hours session: [open, close) in epoch ms UTC. */
export interface Session {
  date: TradingDate;
  open: EpochMs;
  close: EpochMs;
  /** The session closes before 16:00 (13:00 since 1993, 14:00 before). */
  earlyClose: boolean;
}

/** Epoch ms of a New York wall-clock time on a day, through luxon's IANA zone (DST-correct). */
function newYorkTime(day: DayNumber, hour: number, minute: number): EpochMs {
  const { year, month, day: dom } = civilFromDay(day);
  return DateTime.fromObject({ year, month, day: dom, hour, minute }, { zone: NEW_YORK }).toMillis();
}

// Per-day caches, filled lazily with luxon results so the hot calls are array reads.
// New York midnights, one more than the range so the last day's end is known.
const midnights = new Float64Array(DAY_COUNT + 1).fill(NaN);
const sessions: (Session | null | undefined)[] = new Array<Session | null | undefined>(DAY_COUNT).fill(undefined);

function midnightIndex(i: number): EpochMs {
  let m = midnights[i]!;
  if (m !== m) {
    m = newYorkTime(FIRST_DAY + i, 0, 0);
    midnights[i] = m;
  }
  return m;
}

/** The New York calendar day of an instant; a RangeError outside 1990–2035. */
export function dayAt(t: EpochMs): DayNumber {
  // New York is behind UTC, so its date is the UTC date or the day before.
  const utcDay = Math.floor(t / DAY_MS);
  const i = utcDay - FIRST_DAY;
  if (i >= 0 && i <= DAY_COUNT) {
    const day = t >= midnightIndex(i) ? utcDay : utcDay - 1;
    if (day >= FIRST_DAY && day <= LAST_DAY) return day;
  }
  throw outOfRange(Number.isFinite(t) ? new Date(t).toISOString() : `time ${t}`);
}

function buildSession(day: DayNumber): Session | null {
  const hour = closeHours()[day - FIRST_DAY]!;
  if (hour === 0) return null;
  return Object.freeze({
    date: dateOf(day),
    open: newYorkTime(day, 9, 30),
    close: newYorkTime(day, hour, 0),
    earlyClose: hour !== 16,
  });
}

/** The session of a day in range, or null; cached. */
export function sessionOfDay(day: DayNumber): Session | null {
  const i = day - FIRST_DAY;
  let s = sessions[i];
  if (s === undefined) {
    checkDay(day, `day ${day}`);
    s = buildSession(day);
    sessions[i] = s;
  }
  return s;
}

export const isSessionDay = (day: DayNumber): boolean => closeHours()[checkDay(day, `day ${day}`) - FIRST_DAY] !== 0;

/** The America/New_York calendar date of t. */
export function tradingDateOf(t: EpochMs): TradingDate {
  return dateOf(dayAt(t));
}

export function isSessionDate(date: TradingDate): boolean {
  return isSessionDay(dayOf(date));
}

export function sessionOn(date: TradingDate): Session | null {
  return sessionOfDay(dayOf(date));
}

/** The session on t's New York date, whatever the hour, or null. */
export function sessionAt(t: EpochMs): Session | null {
  return sessionOfDay(dayAt(t));
}

/** open <= t < close of a session. */
export function isRegularHours(t: EpochMs): boolean {
  const s = sessionOfDay(dayAt(t));
  return s !== null && t >= s.open && t < s.close;
}

function stepToSession(from: DayNumber, step: 1 | -1, what: string): Session {
  const hours = closeHours();
  for (let day = from + step; day >= FIRST_DAY && day <= LAST_DAY; day += step) {
    if (hours[day - FIRST_DAY] !== 0) return sessionOfDay(day)!;
  }
  throw outOfRange(what);
}

/** The first session strictly after date. */
export function nextSession(date: TradingDate): Session {
  return stepToSession(dayOf(date), 1, `the session after ${date}`);
}

/** The last session strictly before date. */
export function previousSession(date: TradingDate): Session {
  return stepToSession(dayOf(date), -1, `the session before ${date}`);
}

/** Sessions from `from` to `to`, both inclusive, ascending; empty when from > to. */
export function sessionsBetween(from: TradingDate, to: TradingDate): Session[] {
  const hours = closeHours();
  const out: Session[] = [];
  for (let day = dayOf(from), end = dayOf(to); day <= end; day++) {
    if (hours[day - FIRST_DAY] !== 0) out.push(sessionOfDay(day)!);
  }
  return out;
}

let ordinals: Int32Array | undefined;
let ordinalDays: Int32Array | undefined;

function ordinalTables(): [Int32Array, Int32Array] {
  if (!ordinals || !ordinalDays) {
    const hours = closeHours();
    const byDay = new Int32Array(DAY_COUNT).fill(-1);
    const days: number[] = [];
    for (let i = 0; i < DAY_COUNT; i++) {
      if (hours[i] !== 0) {
        byDay[i] = days.length;
        days.push(FIRST_DAY + i);
      }
    }
    ordinals = byDay;
    ordinalDays = Int32Array.from(days);
  }
  return [ordinals, ordinalDays];
}

/** 0 for the first session of 1990 (1990-01-02), +1 per session: "N sessions later" is ordinal + N. */
export function sessionOrdinal(date: TradingDate): number {
  const n = ordinalTables()[0][dayOf(date) - FIRST_DAY]!;
  if (n < 0) throw new RangeError(`${date} is not an NYSE session`);
  return n;
}

/** The session with a given ordinal (the inverse of sessionOrdinal). */
export function sessionByOrdinal(ordinal: number): Session {
  const days = ordinalTables()[1];
  const day = Number.isInteger(ordinal) ? days[ordinal] : undefined;
  if (day === undefined) throw new RangeError(`no session with ordinal ${ordinal} (0 … ${days.length - 1})`);
  return sessionOfDay(day)!;
}

/** The 1-minute bar starts of a session: 390 on a regular day, 210 on a 13:00 early close. A fresh array. */
export function minuteGrid(s: Session): Float64Array {
  const n = Math.round((s.close - s.open) / MINUTE_MS);
  const grid = new Float64Array(n);
  for (let i = 0; i < n; i++) grid[i] = s.open + i * MINUTE_MS;
  return grid;
}
