import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestOptions } from '../../src/venues/history/bar-store.js';
import { tempDir } from '../support/tmp.js';
import { INGEST_1M, openTestStore, type TestStore } from './store-fixture.js';

// Three bars around the 2024 spring DST change: Friday's last two minutes (EST) and Monday's open (EDT).
const STARTS = [Date.UTC(2024, 2, 8, 20, 58), Date.UTC(2024, 2, 8, 20, 59), Date.UTC(2024, 2, 11, 13, 30)];
const PRICES = ['510.1,510.5,509.9,510.2,1000', '510.2,510.3,510.0,510.05,2000', '511,512,510.5,511.5,3000'];
const PRICE_HEADER = 'open,high,low,close,volume';

const dir = tempDir('optbot-layouts-');
let t: TestStore;
beforeAll(async () => {
  t = await openTestStore(dir);
});
afterAll(() => t.close());

function csv(name: string, header: string, stamps: readonly string[], prices = PRICES): string {
  const file = join(dir, name);
  const text = [header, ...stamps.map((s, i) => `${s},${prices[i]}`)].join('\n') + '\n';
  writeFileSync(file, name.endsWith('.gz') ? gzipSync(text) : text);
  return file;
}

async function ingestAs(symbol: string, file: string, opts: Partial<IngestOptions> = {}) {
  const [report] = await t.store.ingestFiles([file], { ...INGEST_1M, symbol, ...opts });
  const bars = await t.store.readColumns(symbol, opts.barSize ?? '1m', -Infinity, Infinity);
  return { report, ts: Array.from(bars.ts), close: Array.from(bars.close), volume: Array.from(bars.volume) };
}

describe('ingest reads the layouts people have', () => {
  const iso = ['2024-03-08T15:58:00-05:00', '2024-03-08T15:59:00-05:00', '2024-03-11T09:30:00-04:00'];
  const cases: [string, () => string, Partial<IngestOptions>][] = [
    ['ISO with offset', () => csv('iso.csv', `ts,${PRICE_HEADER}`, iso), {}],
    ['gzipped CSV', () => csv('iso.csv.gz', `ts,${PRICE_HEADER}`, iso), {}],
    ['epoch seconds', () => csv('s.csv', `timestamp,${PRICE_HEADER}`, STARTS.map((x) => String(x / 1000))), {}],
    ['epoch milliseconds', () => csv('ms.csv', `time,${PRICE_HEADER}`, STARTS.map(String)), {}],
    ['separate date and time, capitalised, short names', () =>
      csv('dt.csv', 'Date,Time,O,H,L,C,V', ['2024-03-08,15:58:00', '2024-03-08,15:59', '2024-03-11,09:30:00']), {}],
    ['naive US dates in New York', () => csv('us.csv', `DateTime,${PRICE_HEADER}`, ['03/08/2024 15:58', '03/08/2024 15:59', '03/11/2024 09:30']), {}],
    ['naive UTC with --tz UTC', () => csv('utc.csv', `datetime,${PRICE_HEADER}`, ['2024-03-08 20:58:00', '2024-03-08 20:59:00', '2024-03-11 13:30:00']), { tz: 'UTC' }],
    ['bar-end stamps with --stamp end', () =>
      csv('end.csv', `ts,${PRICE_HEADER}`, ['2024-03-08T15:59:00-05:00', '2024-03-08T16:00:00-05:00', '2024-03-11T09:31:00-04:00']), { stamp: 'end' }],
  ];

  it.each(cases)('%s', async (label, make, opts) => {
    const got = await ingestAs(label.replace(/\W/g, '').slice(0, 10).toUpperCase(), make(), opts);
    expect(got.report).toMatchObject({ rows: 3, inserted: 3 });
    expect(got.ts).toEqual(STARTS);
    expect(got.close).toEqual([510.2, 510.05, 511.5]);
    expect(got.volume).toEqual([1000, 2000, 3000]);
  });

  it('semicolons, quoted headers, a byte-order mark and CRLF line ends', async () => {
    const file = join(dir, 'excel.csv');
    const rows = iso.map((stamp, i) => [stamp, ...PRICES[i]!.split(',')].join(';'));
    writeFileSync(file, '\uFEFF"Timestamp";"Open";"High";"Low";"Close";"Volume"\r\n' + rows.join('\r\n') + '\r\n');
    const got = await ingestAs('EXCEL', file);
    expect(got.ts).toEqual(STARTS);
    expect(got.volume).toEqual([1000, 2000, 3000]);
  });

  it('Parquet with a TIMESTAMPTZ column and integer volume', async () => {
    const file = join(dir, 'bars.parquet');
    await t.db.connection.run(`COPY (SELECT * FROM (VALUES
        (TIMESTAMPTZ '2024-03-08 20:58:00+00', 510.1, 510.5, 509.9, 510.2, 1000),
        (TIMESTAMPTZ '2024-03-08 20:59:00+00', 510.2, 510.3, 510.0, 510.05, 2000),
        (TIMESTAMPTZ '2024-03-11 13:30:00+00', 511, 512, 510.5, 511.5, 3000)) v(timestamp, Open, High, Low, Close, Volume))
      TO '${file}' (FORMAT parquet)`);
    const got = await ingestAs('PQ', file);
    expect(got.ts).toEqual(STARTS);
    expect(got.close).toEqual([510.2, 510.05, 511.5]);
  });

  it('reports read progress up to 1 when asked', async () => {
    const seen: number[] = [];
    await t.store.ingestFiles([csv('progress.csv', `ts,${PRICE_HEADER}`, iso)], { ...INGEST_1M, symbol: 'PROG', onProgress: (_, f) => seen.push(f) });
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((f) => f >= 0 && f <= 1)).toBe(true);
  });

  it('a file without volume stores 0 volume (index data)', async () => {
    const got = await ingestAs('NOVOL', csv('novol.csv', 'ts,open,high,low,close', iso, ['1,2,0.5,1.5', '1,2,0.5,1.5', '1,2,0.5,1.5']));
    expect(got.volume).toEqual([0, 0, 0]);
  });

  it('daily bars are stamped at the 09:30 New York open of their date', async () => {
    const got = await ingestAs('DAILY', csv('daily.csv', `date,${PRICE_HEADER}`, ['2024-03-08', '2024-03-11', '2024-03-12']), { barSize: '1d' });
    expect(got.ts).toEqual([Date.UTC(2024, 2, 8, 14, 30), Date.UTC(2024, 2, 11, 13, 30), Date.UTC(2024, 2, 12, 13, 30)]);
  });

  it('60-minute bars sit on the grid anchored at 09:30', async () => {
    const ok = csv('h.csv', `ts,${PRICE_HEADER}`, ['2024-03-11T09:30:00-04:00', '2024-03-11T10:30:00-04:00', '2024-03-11T15:30:00-04:00']);
    expect((await ingestAs('HOURLY', ok, { barSize: '60m' })).report).toMatchObject({ inserted: 3 });
    const clockHours = csv('h2.csv', `ts,${PRICE_HEADER}`, ['2024-03-11T09:00:00-04:00', '2024-03-11T10:00:00-04:00', '2024-03-11T11:00:00-04:00']);
    await expect(ingestAs('HOURLY2', clockHours, { barSize: '60m' })).rejects.toThrow(/line 2: bar start 2024-03-11 09:00:00 New York is off the 60m grid/);
  });
});
