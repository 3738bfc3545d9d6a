import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  isRegularHours,
  isSessionDate,
  minuteGrid,
  nextSession,
  previousSession,
  sessionAt,
  sessionByOrdinal,
  sessionOn,
  sessionOrdinal,
  sessionsBetween,
  tradingDateOf,
} from '../../src/calendar/index.js';

const ny = (iso: string): number => DateTime.fromISO(iso, { zone: 'America/New_York' }).toMillis();
const localClose = (date: string): string => DateTime.fromMillis(sessionOn(date)!.close, { zone: 'America/New_York' }).toFormat('HH:mm');

describe('NYSE holidays and closures', () => {
  it.each([
    ['2001-09-11', 'September 11'],
    ['2001-09-12', 'September 11'],
    ['2001-09-13', 'September 11'],
    ['2001-09-14', 'September 11'],
    ['2004-06-11', 'Reagan'],
    ['2007-01-02', 'Ford'],
    ['2012-10-29', 'Sandy'],
    ['2012-10-30', 'Sandy'],
    ['2018-12-05', 'G. H. W. Bush'],
    ['2025-01-09', 'Carter'],
    ['1994-04-27', 'Nixon'],
    ['2022-06-20', 'Juneteenth observed on Monday'],
    ['2023-06-19', 'Juneteenth'],
    ['2027-06-18', 'Juneteenth (Saturday) observed on Friday'],
    ['2022-12-26', 'Christmas (Sunday) observed on Monday'],
    ['2021-12-24', 'Christmas (Saturday) observed on Friday'],
    ['2027-12-24', 'Christmas (Saturday) observed on Friday'],
    ['2023-01-02', "New Year's Day (Sunday) observed on Monday"],
    ['2026-04-03', 'Good Friday'],
    ['2000-04-21', 'Good Friday'],
    ['2030-04-19', 'Good Friday'],
    ['1998-01-19', 'MLK Day, first year'],
    ['2026-07-03', 'Independence Day (Saturday) observed on Friday'],
    ['2021-07-05', 'Independence Day (Sunday) observed on Monday'],
    ['2024-11-28', 'Thanksgiving'],
    ['2029-05-28', 'Memorial Day'],
    ['2035-12-25', 'Christmas'],
  ])('%s is closed (%s)', (date) => {
    expect(isSessionDate(date)).toBe(false);
    expect(sessionOn(date)).toBeNull();
  });

  it.each([
    ['2021-06-18', 'Juneteenth was first observed in 2022'],
    ['2010-12-31', 'a Saturday New Year is not observed on Friday'],
    ['2021-12-31', 'a Saturday New Year is not observed on Friday'],
    ['2027-12-31', 'a Saturday New Year is not observed on Friday'],
    ['1997-01-20', 'MLK Day was a session before 1998'],
    ['2012-10-31', 'reopened after Sandy'],
    ['2001-09-17', 'reopened after September 11'],
    ['2008-12-26', 'no early close on this Friday after Christmas'],
    ['2014-12-26', 'no early close on this Friday after Christmas'],
    ['2025-12-26', 'no early close on this Friday after Christmas'],
    ['2013-07-05', 'since 2013 the Friday after a Thursday July 4 is a full day'],
    ['2015-07-02', 'no early close before an observed Friday holiday'],
    ['2021-07-02', 'no early close before an observed Monday holiday'],
    ['2027-12-23', 'no early close before an observed Friday Christmas'],
    ['1991-07-03', 'no July 3 early close before 1995'],
  ])('%s is a full 09:30–16:00 session (%s)', (date) => {
    const s = sessionOn(date)!;
    expect(s.earlyClose).toBe(false);
    expect(s.open).toBe(ny(`${date}T09:30`));
    expect(s.close).toBe(ny(`${date}T16:00`));
    expect(minuteGrid(s).length).toBe(390);
  });

  it.each([
    ['2000-07-03', '13:00'],
    ['2002-07-05', '13:00'],
    ['2008-07-03', '13:00'],
    ['2013-07-03', '13:00'],
    ['2019-07-03', '13:00'],
    ['2030-07-03', '13:00'],
    ['2000-11-24', '13:00'],
    ['2029-11-23', '13:00'],
    ['2007-12-24', '13:00'],
    ['2020-12-24', '13:00'],
    ['2025-12-24', '13:00'],
    ['2030-12-24', '13:00'],
    ['1997-12-26', '13:00'],
    ['1999-12-31', '13:00'],
    ['2003-12-26', '13:00'],
    ['1990-12-24', '14:00'],
    ['1992-11-27', '14:00'],
  ])('%s closes early at %s', (date, close) => {
    const s = sessionOn(date)!;
    expect(s.earlyClose).toBe(true);
    expect(localClose(date)).toBe(close);
    expect(minuteGrid(s).length).toBe(close === '13:00' ? 210 : 270);
  });

  it('counts the sessions of whole years', () => {
    expect(sessionsBetween('2024-01-01', '2024-12-31').length).toBe(252);
    expect(sessionsBetween('2023-01-01', '2023-12-31').length).toBe(250);
    expect(sessionsBetween('2001-01-01', '2001-12-31').length).toBe(248);
  });
});

describe('session arithmetic', () => {
  it('walks to the next and previous sessions over weekends and holidays', () => {
    expect(nextSession('2024-07-03').date).toBe('2024-07-05');
    expect(nextSession('2022-12-23').date).toBe('2022-12-27');
    expect(nextSession('2001-09-10').date).toBe('2001-09-17');
    expect(previousSession('2001-09-17').date).toBe('2001-09-10');
    expect(previousSession('2024-01-02').date).toBe('2023-12-29');
    expect(nextSession('2024-03-09').date).toBe('2024-03-11'); // from a Saturday
  });

  it('lists sessions inclusively and ascending', () => {
    expect(sessionsBetween('2024-11-27', '2024-12-02').map((s) => s.date)).toEqual(['2024-11-27', '2024-11-29', '2024-12-02']);
    expect(sessionsBetween('2024-12-02', '2024-11-27')).toEqual([]);
  });

  it('numbers sessions from the first of 1990 and inverts the numbering', () => {
    expect(sessionOrdinal('1990-01-02')).toBe(0);
    expect(sessionOrdinal('1990-01-03')).toBe(1);
    const a = sessionOrdinal('2024-07-03');
    expect(sessionOrdinal('2024-07-05')).toBe(a + 1);
    expect(sessionByOrdinal(a + 3).date).toBe('2024-07-09');
    expect(() => sessionOrdinal('2024-07-04')).toThrow(/not an NYSE session/);
    expect(() => sessionByOrdinal(-1)).toThrow(RangeError);
  });

  it('keeps the 09:30–16:00 New York window across DST changes', () => {
    // 2024-03-10 and 2024-11-03 are the DST Sundays.
    expect(new Date(sessionOn('2024-03-08')!.open).toISOString()).toBe('2024-03-08T14:30:00.000Z');
    expect(new Date(sessionOn('2024-03-11')!.open).toISOString()).toBe('2024-03-11T13:30:00.000Z');
    expect(new Date(sessionOn('2024-11-01')!.close).toISOString()).toBe('2024-11-01T20:00:00.000Z');
    expect(new Date(sessionOn('2024-11-04')!.close).toISOString()).toBe('2024-11-04T21:00:00.000Z');
    const grid = minuteGrid(sessionOn('2024-03-11')!);
    expect(grid.length).toBe(390);
    expect(grid[389]! - grid[0]!).toBe(389 * 60_000);
  });

  it('dates instants by the New York calendar around midnight and DST changes', () => {
    expect(tradingDateOf(Date.parse('2024-03-10T04:59:59.999Z'))).toBe('2024-03-09'); // 23:59 EST
    expect(tradingDateOf(Date.parse('2024-03-10T05:00:00.000Z'))).toBe('2024-03-10'); // 00:00 EST
    expect(tradingDateOf(Date.parse('2024-03-11T03:59:59.999Z'))).toBe('2024-03-10'); // 23:59 EDT
    expect(tradingDateOf(Date.parse('2024-03-11T04:00:00.000Z'))).toBe('2024-03-11');
    expect(tradingDateOf(Date.parse('2024-11-04T04:59:59.999Z'))).toBe('2024-11-03'); // 23:59 EST
    expect(tradingDateOf(Date.parse('2024-11-04T05:00:00.000Z'))).toBe('2024-11-04');
  });

  it('finds the session of an instant at any hour and tells regular hours apart', () => {
    const s = sessionOn('2024-11-29')!; // a 13:00 early close
    expect(sessionAt(ny('2024-11-29T03:00'))).toBe(s);
    expect(sessionAt(ny('2024-11-29T23:59'))).toBe(s);
    expect(sessionAt(ny('2024-11-28T12:00'))).toBeNull();
    expect(isRegularHours(ny('2024-11-29T09:29:59.999'))).toBe(false);
    expect(isRegularHours(ny('2024-11-29T09:30'))).toBe(true);
    expect(isRegularHours(ny('2024-11-29T12:59:59.999'))).toBe(true);
    expect(isRegularHours(ny('2024-11-29T13:00'))).toBe(false);
    expect(isRegularHours(ny('2024-11-30T10:00'))).toBe(false); // Saturday
  });

  it('returns a fresh minute grid on bar starts', () => {
    const s = sessionOn('2024-07-03')!;
    const grid = minuteGrid(s);
    expect(grid.length).toBe(210);
    expect(grid[0]).toBe(s.open);
    expect(grid[209]).toBe(s.close - 60_000);
    grid[0] = 0;
    expect(minuteGrid(s)[0]).toBe(s.open);
    expect(Object.isFrozen(s)).toBe(true);
  });
});

describe('range and input errors', () => {
  it('rejects dates and instants outside 1990–2035 with a RangeError', () => {
    expect(() => sessionOn('1989-12-29')).toThrow(/outside the calendar's range 1990-01-01 … 2035-12-31/);
    expect(() => isSessionDate('2036-01-02')).toThrow(RangeError);
    expect(() => tradingDateOf(Date.parse('1990-01-01T04:59:59Z'))).toThrow(RangeError);
    expect(tradingDateOf(Date.parse('1990-01-01T05:00:00Z'))).toBe('1990-01-01');
    expect(tradingDateOf(Date.parse('2036-01-01T04:59:59Z'))).toBe('2035-12-31');
    expect(() => sessionAt(Date.parse('2036-01-02T15:00:00Z'))).toThrow(RangeError);
    expect(() => nextSession('2035-12-31')).toThrow(RangeError);
    expect(() => previousSession('1990-01-02')).toThrow(RangeError);
    expect(() => sessionAt(Number.NaN)).toThrow(RangeError);
  });

  it('rejects malformed dates with a TypeError naming them', () => {
    expect(() => sessionOn('2024-02-30')).toThrow(/no such date: 2024-02-30/);
    expect(() => sessionOn('2024-2-3')).toThrow(/not a trading date/);
    expect(() => sessionOn('20240203')).toThrow(TypeError);
  });
});
