import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BarColumns } from '../../src/core/bar.js';
import { hasSharedData, sharedFile } from '../support/shared-data.js';
import { tempDir } from '../support/tmp.js';
import { INGEST_1M, openTestStore, type TestStore } from './store-fixture.js';

const YEAR = 'spy_1min_2024-03-26_2025-04-02.csv.gz';
const OVERLAPPING = 'spy_1min_2024-02-20_2024-05-17.csv';
/** Minutes both files hold (2024-03-26 → 2024-05-17), per the data README's cross-check. */
const OVERLAP = 14_820;

describe.skipIf(!hasSharedData)('real SPY minutes from ../shared/data', () => {
  const dir = tempDir('optbot-real-');
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(dir);
  });
  afterAll(() => t.close());

  it(`${YEAR} ingests to exactly 99,264 bars over 256 sessions (255 complete)`, async () => {
    const [r] = await t.store.ingestFiles([sharedFile(YEAR)], INGEST_1M);
    expect(r).toMatchObject({ rows: 99_264, inserted: 99_264 });
    const [cov] = await t.store.coverage();
    // The last session ends at 15:23, 36 minutes short.
    expect(cov).toMatchObject({ symbol: 'SPY', barSize: '1m', bars: 99_264, sessions: 256, sessionsInSpan: 256, completeSessions: 255, missingRthMinutes: 36 });
    expect(cov!.first).toBe(Date.parse('2024-03-26T09:30:00-04:00'));
  });

  it('ingesting it again adds nothing', async () => {
    const before = await t.fingerprint();
    const [r] = await t.store.ingestFiles([sharedFile(YEAR)], INGEST_1M);
    expect(r).toMatchObject({ rows: 99_264, inserted: 0, identical: 99_264, kept: 0, replaced: 0 });
    expect(await t.fingerprint()).toBe(before);
  });

  it(`${OVERLAPPING} overlaps it: keep reports and keeps, replace reports and overwrites`, async () => {
    const [kept] = await t.store.ingestFiles([sharedFile(OVERLAPPING)], INGEST_1M);
    expect(kept!.inserted).toBe(24_570 - OVERLAP);
    expect(kept!.identical + kept!.kept).toBe(OVERLAP);
    expect(kept!.kept).toBeGreaterThan(0); // its off-market wick prints differ from the cleaner file
    expect(kept!.replaced).toBe(0);
    const clean = await t.store.readColumns('SPY', '1m', Date.parse('2024-04-23T12:56:00-04:00'), Date.parse('2024-04-23T12:57:00-04:00'));

    const [replaced] = await t.store.ingestFiles([sharedFile(OVERLAPPING)], { ...INGEST_1M, onConflict: 'replace' });
    expect(replaced).toMatchObject({ inserted: 0, identical: 24_570 - kept!.kept, kept: 0, replaced: kept!.kept });
    const wick = await t.store.readColumns('SPY', '1m', Date.parse('2024-04-23T12:56:00-04:00'), Date.parse('2024-04-23T12:57:00-04:00'));
    expect(wick.low[0]).toBe(499.5328); // the README's example off-market print, now stored
    expect(clean.low[0]).not.toBe(499.5328);

    const [again] = await t.store.ingestFiles([sharedFile(OVERLAPPING)], { ...INGEST_1M, onConflict: 'replace' });
    expect(again).toMatchObject({ inserted: 0, identical: 24_570, replaced: 0 });
    expect((await t.store.coverage())[0]!.bars).toBe(99_264 + 24_570 - OVERLAP);
  });

  it('resampling to 5 minutes reproduces the 1-minute bars\' own 5-minute aggregation', async () => {
    const from = Date.parse('2024-05-20T00:00:00-04:00'); // after the overlap: only the dawsh2 bars
    const to = Date.parse('2025-04-03T00:00:00-04:00');
    const minutes = await t.store.readColumns('SPY', '1m', from, to);
    const five = await t.store.resample('SPY', '5m', from, to);
    const expected = aggregate(minutes, (ts) => ts - (ts % 300_000));
    expect(five.length).toBe(expected.length);
    expect(Array.from(five.ts)).toEqual(expected.map((b) => b.ts));
    expect(Array.from(five.open)).toEqual(expected.map((b) => b.open));
    expect(Array.from(five.high)).toEqual(expected.map((b) => b.high));
    expect(Array.from(five.low)).toEqual(expected.map((b) => b.low));
    expect(Array.from(five.close)).toEqual(expected.map((b) => b.close));
    expect(Array.from(five.volume)).toEqual(expected.map((b) => b.volume));
  });

  it('an early close ends with a short 60-minute bar and daily bars sum the session', async () => {
    const day = (iso: string) => Date.parse(iso);
    const hourly = await t.store.resample('SPY', '60m', day('2024-11-29T00:00:00-05:00'), day('2024-11-30T00:00:00-05:00'));
    expect(Array.from(hourly.ts).map((x) => DateTime.fromMillis(x, { zone: 'America/New_York' }).toFormat('HH:mm'))).toEqual(['09:30', '10:30', '11:30', '12:30']);
    const lastHalfHour = await t.store.readColumns('SPY', '1m', day('2024-11-29T12:30:00-05:00'), day('2024-11-29T13:00:00-05:00'));
    expect(lastHalfHour.length).toBe(30);
    expect(hourly.volume[3]).toBe(lastHalfHour.volume.reduce((s, v) => s + v, 0));

    const from = day('2024-11-25T00:00:00-05:00');
    const to = day('2024-12-03T00:00:00-05:00');
    const daily = await t.store.resample('SPY', '1d', from, to);
    const minutes = await t.store.readColumns('SPY', '1m', from, to);
    const newYorkDate = (ts: number) => DateTime.fromMillis(ts, { zone: 'America/New_York' }).set({ hour: 9, minute: 30 }).toMillis();
    expect(Array.from(daily.close)).toEqual(aggregate(minutes, newYorkDate).map((b) => b.close));
    expect(Array.from(daily.ts)).toEqual(aggregate(minutes, newYorkDate).map((b) => b.ts));
  });
});

/** A plain TypeScript aggregation: open of first, max high, min low, close of last, sum of volume. */
function aggregate(bars: BarColumns, bucketOf: (ts: number) => number) {
  const out: { ts: number; open: number; high: number; low: number; close: number; volume: number }[] = [];
  for (let i = 0; i < bars.length; i++) {
    const ts = bucketOf(bars.ts[i]!);
    const last = out[out.length - 1];
    if (last && last.ts === ts) {
      last.high = Math.max(last.high, bars.high[i]!);
      last.low = Math.min(last.low, bars.low[i]!);
      last.close = bars.close[i]!;
      last.volume += bars.volume[i]!;
    } else {
      out.push({ ts, open: bars.open[i]!, high: bars.high[i]!, low: bars.low[i]!, close: bars.close[i]!, volume: bars.volume[i]! });
    }
  }
  return out;
}
