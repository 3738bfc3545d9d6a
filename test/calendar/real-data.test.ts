import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isRegularHours, minuteGrid, sessionOn, sessionsBetween, type Session } from '../../src/calendar/index.js';
import { MINUTE_MS } from '../../src/core/time.js';
import { hasSharedData, sharedFile } from '../support/shared-data.js';
import { dailyDates, stampsByDate } from './bar-files.js';

/** The bar-start grid of a session for 1- or 5-minute bars. */
const gridOf = (s: Session, minutes: number): number[] => Array.from(minuteGrid(s)).filter((_, i) => i % minutes === 0);

interface BarFile {
  name: string;
  minutes: 1 | 5;
  /** Inclusive date ranges the file covers (several for the windows file). */
  ranges: [string, string][];
  /** Days the README documents as incomplete: their bars must be a strict subset of the grid. */
  partial?: (date: string, stamps: number[], grid: number[]) => boolean;
  /** Extended-hours file: only its regular-hours rows are compared with the grid. */
  extended?: boolean;
  /** How many complete days the README counts. */
  completeDays: number;
  /** Early closes the file must contain (complete, ending at 13:00). */
  earlyCloses: string[];
}

const FILES: BarFile[] = [
  {
    name: 'spy_1min_2024-03-26_2025-04-02.csv.gz',
    minutes: 1,
    ranges: [['2024-03-26', '2025-04-02']],
    partial: (date) => date === '2025-04-02', // ends at 15:23
    completeDays: 255,
    earlyCloses: ['2024-07-03', '2024-11-29', '2024-12-24'],
  },
  { name: 'spy_1min_2024-02-20_2024-05-17.csv', minutes: 1, ranges: [['2024-02-20', '2024-05-17']], completeDays: 63, earlyCloses: [] },
  {
    name: 'spy_1min_ext_2024-02-20_2024-05-17.csv.gz',
    minutes: 1,
    ranges: [['2024-02-20', '2024-05-17']],
    extended: true,
    completeDays: 63,
    earlyCloses: [],
  },
  {
    name: 'spy_1min_2022-01-03_2024-07-18_windows.csv',
    minutes: 1,
    ranges: [
      ['2022-01-03', '2022-01-19'],
      ['2022-07-01', '2022-07-19'],
      ['2023-01-03', '2023-01-19'],
      ['2023-07-03', '2023-07-20'],
      ['2024-01-02', '2024-01-18'],
      ['2024-07-01', '2024-07-18'],
    ],
    completeDays: 74,
    earlyCloses: ['2023-07-03', '2024-07-03'],
  },
  {
    name: 'spy_1min_iex_2025-09-15_2026-01-21.csv',
    minutes: 1,
    ranges: [['2025-09-15', '2026-01-21']],
    partial: () => true, // IEX-only feed: minutes without an IEX trade have no bar, on any day
    completeDays: 65,
    earlyCloses: [],
  },
  {
    name: 'spy_1min_2013-10-04_2023-08-03_lean_sample.csv',
    minutes: 1,
    ranges: [
      ['2013-10-04', '2013-10-11'],
      ['2023-08-03', '2023-08-03'],
    ],
    completeDays: 7,
    earlyCloses: [],
  },
  {
    name: 'spy_5min_2018-01-02_2020-12-31.csv',
    minutes: 5,
    ranges: [['2018-01-02', '2020-12-31']],
    // 55 days lost 09:30–10:25 to the original author's filter: exactly the grid from 10:30.
    partial: (_, stamps, grid) => stamps.length === 66 && stamps.every((t, i) => t === grid[i + 12]),
    completeDays: 701,
    earlyCloses: ['2018-07-03', '2018-11-23', '2018-12-24', '2019-07-03', '2019-11-29', '2019-12-24', '2020-11-27', '2020-12-24'],
  },
  {
    name: 'spy_5min_2025-05-12_2026-03-12.csv',
    minutes: 5,
    ranges: [['2025-05-12', '2026-03-12']],
    partial: (date) => date === '2026-03-12', // ends at 10:30
    completeDays: 209,
    earlyCloses: ['2025-07-03', '2025-11-28', '2025-12-24'],
  },
];

describe.skipIf(!hasSharedData)('calendar against the real SPY bar files in ../shared/data', () => {
  for (const file of FILES) {
    it(`${file.name}: its days are exactly the calendar's sessions, its bars on the session grid`, () => {
      const data = stampsByDate(file.name);
      const expected = file.ranges.flatMap(([from, to]) => sessionsBetween(from, to).map((s) => s.date));
      expect([...data.keys()]).toEqual(expected);

      let complete = 0;
      for (const [date, all] of data) {
        const session = sessionOn(date)!;
        const stamps = file.extended ? all.filter(isRegularHours) : all;
        const grid = gridOf(session, file.minutes);
        const isComplete = stamps.length === grid.length && stamps.every((t, i) => t === grid[i]);
        if (isComplete) {
          complete++;
          continue;
        }
        const onGrid = stamps.every((t) => grid.includes(t)) && stamps.every((t, i) => i === 0 || t > stamps[i - 1]!);
        expect(onGrid && file.partial?.(date, stamps, grid), `${file.name} ${date}: ${stamps.length} bars, not the session grid`).toBe(true);
      }
      expect(complete).toBe(file.completeDays);

      for (const date of file.earlyCloses) {
        const s = sessionOn(date)!;
        expect(s.earlyClose).toBe(true);
        const stamps = data.get(date)!;
        expect(stamps.length).toBe(210 / file.minutes);
        expect(stamps.at(-1)! + file.minutes * MINUTE_MS).toBe(s.close);
        expect(DateTime.fromMillis(s.close, { zone: 'America/New_York' }).toFormat('HH:mm')).toBe('13:00');
      }
    });
  }

  it('DST transition weeks have 390 bars stamped 09:30–15:59 local on both sides of the change', () => {
    const data = stampsByDate('spy_1min_2024-03-26_2025-04-02.csv.gz');
    const leo = stampsByDate('spy_1min_2024-02-20_2024-05-17.csv');
    const cases: [Map<string, number[]>, string, string][] = [
      [leo, '2024-03-08', '2024-03-08T14:30:00.000Z'], // Friday before spring-forward: EST
      [leo, '2024-03-11', '2024-03-11T13:30:00.000Z'], // Monday after: EDT
      [data, '2024-11-01', '2024-11-01T13:30:00.000Z'], // Friday before fall-back: EDT
      [data, '2024-11-04', '2024-11-04T14:30:00.000Z'], // Monday after: EST
      [data, '2025-03-07', '2025-03-07T14:30:00.000Z'],
      [data, '2025-03-10', '2025-03-10T13:30:00.000Z'],
    ];
    for (const [file, date, open] of cases) {
      const stamps = file.get(date)!;
      expect(stamps.length, date).toBe(390);
      expect(new Date(stamps[0]!).toISOString()).toBe(open);
      expect(stamps).toEqual(Array.from(minuteGrid(sessionOn(date)!)));
    }
  });

  it('the daily files list exactly the calendar sessions: yfinance 1993–2026 and Lean 1998–2021', () => {
    expect(dailyDates('spy_daily_1993-01-29_2026-03-27_adjusted.csv')).toEqual(sessionsBetween('1993-01-29', '2026-03-27').map((s) => s.date));
    expect(dailyDates('spy_daily_1998-01-02_2021-03-31_raw.csv')).toEqual(sessionsBetween('1998-01-02', '2021-03-31').map((s) => s.date));
  });

  it('before SPY (1990-01 → 1993-01) the CBOE VIX history trades on the calendar sessions', () => {
    // The VIX file lacks one NYSE session, Friday 1991-03-01 (no holiday or closure that day).
    const vix = dailyDates('vix_daily_1990-01-02_2026-07-07.csv').filter((d) => d < '1993-01-29');
    const sessions = sessionsBetween('1990-01-01', '1993-01-28').map((s) => s.date).filter((d) => d !== '1991-03-01');
    expect(vix).toEqual(sessions);
  });

  it("Lean's hourly bars end before the 15:00 hour exactly on the calendar's early closes, 1998–2021", () => {
    // The last clock hour with real volume (> 20,000 shares) per day; a few lots print after the bell.
    const lastHour = new Map<string, number>();
    for (const line of readFileSync(sharedFile('spy_1hour_1998-01-02_2021-03-31.csv'), 'utf8').trim().split('\n').slice(1)) {
      const date = line.slice(0, 10);
      const hour = Number(line.slice(11, 13));
      if (Number(line.split(',')[5]) > 20_000) lastHour.set(date, Math.max(lastHour.get(date) ?? 0, hour));
    }
    const sessions = sessionsBetween('1998-01-02', '2021-03-31');
    expect([...lastHour.keys()]).toEqual(sessions.map((s) => s.date));
    const short = [...lastHour].filter(([, h]) => h < 15).map(([d]) => d);
    expect(short).toEqual(sessions.filter((s) => s.earlyClose).map((s) => s.date));
    expect(short.length).toBe(52);
  });
});
