import { describe, expect, it } from 'vitest';
import { isSessionDate, listedExpiries, weeklyExpiry, zeroDteExpiry } from '../../src/calendar/index.js';

describe('SPY option expiries', () => {
  it('has an expiry every session since the Tuesday/Thursday series (Nov 2022), holidays merged', () => {
    // Good Friday 2024-03-29: the Friday series moves to Thursday, which has its own series.
    expect(listedExpiries('2024-03-26', 7)).toEqual(['2024-03-26', '2024-03-27', '2024-03-28', '2024-04-01', '2024-04-02']);
    expect(zeroDteExpiry('2024-03-26')).toBe('2024-03-26');
    expect(zeroDteExpiry('2024-03-29')).toBeNull(); // a holiday
    expect(zeroDteExpiry('2024-03-30')).toBeNull(); // a Saturday
    expect(zeroDteExpiry('2022-11-15')).toBe('2022-11-15');
    expect(zeroDteExpiry('2022-11-08')).toBeNull(); // the Tuesday before they began
  });

  it('has Monday, Wednesday and Friday expiries from 2018 to late 2022', () => {
    expect(listedExpiries('2019-07-01', 7)).toEqual(['2019-07-01', '2019-07-03', '2019-07-05', '2019-07-08']);
    expect(zeroDteExpiry('2019-07-02')).toBeNull();
    expect(zeroDteExpiry('2019-01-22')).toBe('2019-01-22'); // MLK Monday: the Monday series expires the next session
    expect(zeroDteExpiry('2019-12-24')).toBe('2019-12-24'); // Christmas Wednesday: the previous session
    expect(zeroDteExpiry('2018-12-04')).toBe('2018-12-04'); // Bush day of mourning, Wednesday 2018-12-05
  });

  it('adds the Wednesday series only once listed (2016-09-07)', () => {
    expect(listedExpiries('2016-09-06', 10)).toEqual(['2016-09-09', '2016-09-16']);
    expect(listedExpiries('2016-09-07', 10)).toEqual(['2016-09-09', '2016-09-14', '2016-09-16']);
  });

  it('has only Friday expiries between 2005 and 2016, only third Fridays before', () => {
    expect(listedExpiries('2010-06-01', 14)).toEqual(['2010-06-04', '2010-06-11']);
    expect(zeroDteExpiry('2010-06-02')).toBeNull();
    // 2003-04-18, the third Friday, was Good Friday: the monthly expired on Thursday.
    expect(listedExpiries('2003-04-01', 60)).toEqual(['2003-04-17', '2003-05-16']);
    expect(weeklyExpiry('2003-04-01')).toBe('2003-04-17');
  });

  it('picks the nearest end-of-week expiry at least minDte calendar days away', () => {
    expect(weeklyExpiry('2024-03-26')).toBe('2024-03-28');
    expect(weeklyExpiry('2024-03-26', 3)).toBe('2024-04-05');
    expect(weeklyExpiry('2024-04-05')).toBe('2024-04-05');
    expect(weeklyExpiry('2024-04-05', 1)).toBe('2024-04-12');
    expect(weeklyExpiry('2024-04-06')).toBe('2024-04-12'); // from a Saturday
    expect(weeklyExpiry('2027-12-20')).toBe('2027-12-23'); // Friday 2027-12-24 is the observed Christmas
  });

  it('only ever returns sessions, ascending and unique', () => {
    const all = listedExpiries('1990-01-01', 365 * 46);
    expect(all.every(isSessionDate)).toBe(true);
    expect([...all].sort()).toEqual(all);
    expect(new Set(all).size).toBe(all.length);
  });

  it('rejects bad day counts and runs out at the end of the range', () => {
    expect(() => listedExpiries('2024-01-02', -1)).toThrow(/horizonDays must be a whole number/);
    expect(() => weeklyExpiry('2024-01-02', 1.5)).toThrow(RangeError);
    expect(() => weeklyExpiry('2035-12-31')).toThrow(RangeError);
    expect(() => zeroDteExpiry('2036-01-02')).toThrow(RangeError);
  });
});
