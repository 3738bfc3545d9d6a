import {
  DAY_COUNT,
  FIRST_DAY,
  FIRST_YEAR,
  FRIDAY,
  LAST_YEAR,
  MONDAY,
  SATURDAY,
  SUNDAY,
  THURSDAY,
  TUESDAY,
  WEDNESDAY,
  dayFromCivil,
  dayOf,
  easterSunday,
  nthWeekday,
  weekday,
  type DayNumber,
} from './days.js';

/**
 * The NYSE schedule as rules, 1990–2035. Sources: NYSE rule 7.2 and holiday announcements, and the
 * NYSE closings history as collected in pandas_market_calendars (holidays/nyse.py); checked against
 * the daily and intraday SPY files in ../shared/data by test/calendar.
 *
 * A day's schedule is its closing hour in New York: 0 = no session, 16 = regular, 13 or 14 = early
 * close. Sessions always open at 09:30. Intraday disruptions (moments of silence, weather or
 * systems late opens and early closes such as 2002-09-11's noon open) are not modelled: see README.
 */
export type CloseHour = 0 | 13 | 14 | 16;

/** Unscheduled full-day closures in the range. */
export const UNSCHEDULED_CLOSURES: readonly { date: string; reason: string }[] = [
  { date: '1994-04-27', reason: 'President Nixon funeral' },
  { date: '2001-09-11', reason: 'September 11 attacks' },
  { date: '2001-09-12', reason: 'September 11 attacks' },
  { date: '2001-09-13', reason: 'September 11 attacks' },
  { date: '2001-09-14', reason: 'September 11 attacks' },
  { date: '2004-06-11', reason: 'President Reagan day of mourning' },
  { date: '2007-01-02', reason: 'President Ford day of mourning' },
  { date: '2012-10-29', reason: 'Hurricane Sandy' },
  { date: '2012-10-30', reason: 'Hurricane Sandy' },
  { date: '2018-12-05', reason: 'President G. H. W. Bush day of mourning' },
  { date: '2025-01-09', reason: 'President Carter day of mourning' },
];

/**
 * One-off 13:00 closes outside the rules: the Fridays after Christmas 1997 and 2003, and New Year's
 * Eve 1999 (disputed in some lists; SPY's hourly bars that day stop at 13:xx, as on 2003-12-26).
 */
export const ADHOC_EARLY_CLOSES: readonly string[] = ['1997-12-26', '1999-12-31', '2003-12-26'];

/** Saturday holidays are observed on Friday, Sunday holidays on Monday. */
function nearestWeekday(day: DayNumber): DayNumber {
  const wd = weekday(day);
  return wd === SATURDAY ? day - 1 : wd === SUNDAY ? day + 1 : day;
}

/** The full-day holidays of one year, by rule. */
export function holidaysOf(year: number): DayNumber[] {
  const days: DayNumber[] = [];
  // New Year's Day: Sunday → Monday; a Saturday New Year is not observed on Friday (rule 7.2:
  // the Friday would close a yearly accounting period).
  const newYear = dayFromCivil(year, 1, 1);
  if (weekday(newYear) !== SATURDAY) days.push(nearestWeekday(newYear));
  if (year >= 1998) days.push(nthWeekday(year, 1, MONDAY, 3)); // Martin Luther King Jr. Day
  days.push(nthWeekday(year, 2, MONDAY, 3)); // Presidents' Day (Washington's Birthday)
  days.push(easterSunday(year) - 2); // Good Friday
  days.push(nthWeekday(year, 5, MONDAY, -1)); // Memorial Day
  if (year >= 2022) days.push(nearestWeekday(dayFromCivil(year, 6, 19))); // Juneteenth
  days.push(nearestWeekday(dayFromCivil(year, 7, 4))); // Independence Day
  days.push(nthWeekday(year, 9, MONDAY, 1)); // Labor Day
  days.push(nthWeekday(year, 11, THURSDAY, 4)); // Thanksgiving
  days.push(nearestWeekday(dayFromCivil(year, 12, 25))); // Christmas
  return days;
}

/** The scheduled early closes of one year, by rule: [day, closing hour]. */
export function earlyClosesOf(year: number): [DayNumber, 13 | 14][] {
  const out: [DayNumber, 13 | 14][] = [];
  const hour: 13 | 14 = year <= 1992 ? 14 : 13; // the standard early close moved from 14:00 to 13:00 in 1993
  // Independence Day, from 1995: July 3 when a Monday, Tuesday or Thursday; July 3 when a Wednesday
  // from 2013, before that (1996–2012) the Friday July 5 instead.
  const july3 = dayFromCivil(year, 7, 3);
  const wd3 = weekday(july3);
  if (year >= 1995 && (wd3 === MONDAY || wd3 === TUESDAY || wd3 === THURSDAY)) out.push([july3, 13]);
  if (year >= 2013 && wd3 === WEDNESDAY) out.push([july3, 13]);
  if (year >= 1996 && year <= 2012 && weekday(july3 + 2) === FRIDAY) out.push([july3 + 2, 13]);
  // The day after Thanksgiving, from 1992.
  if (year >= 1992) out.push([nthWeekday(year, 11, THURSDAY, 4) + 1, hour]);
  // Christmas Eve, Monday to Thursday (a Friday Christmas Eve is the observed Christmas holiday).
  const eve = dayFromCivil(year, 12, 24);
  const wdEve = weekday(eve);
  if (wdEve >= MONDAY && wdEve <= THURSDAY) out.push([eve, hour]);
  return out;
}

let table: Uint8Array | undefined;

/** Closing hour of every day in the range, indexed by day − FIRST_DAY; built once on first use. */
export function closeHours(): Uint8Array {
  if (table) return table;
  const t = new Uint8Array(DAY_COUNT);
  for (let i = 0; i < DAY_COUNT; i++) {
    const wd = weekday(FIRST_DAY + i);
    t[i] = wd === SATURDAY || wd === SUNDAY ? 0 : 16;
  }
  const set = (day: DayNumber, h: CloseHour): void => {
    const i = day - FIRST_DAY;
    if (i >= 0 && i < DAY_COUNT && t[i] !== 0) t[i] = h;
  };
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) {
    for (const [day, h] of earlyClosesOf(y)) set(day, h);
  }
  for (const date of ADHOC_EARLY_CLOSES) set(dayOf(date), 13);
  // Closures last: a closed day stays closed whatever early-close rule also matches it.
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) for (const day of holidaysOf(y)) set(day, 0);
  for (const { date } of UNSCHEDULED_CLOSURES) set(dayOf(date), 0);
  table = t;
  return t;
}
