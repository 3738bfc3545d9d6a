import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BarInputError } from '../../src/venues/history/bar-file-error.js';
import { tempDir } from '../support/tmp.js';
import { INGEST_1M, openTestStore, type TestStore } from './store-fixture.js';

const dir = tempDir('optbot-validate-');
let t: TestStore;
let before: string;

const HEADER = 'ts,open,high,low,close,volume';
const good = (minute: number, prices = '500,501,499,500.5,1000') => `2024-03-26T09:${String(30 + minute).padStart(2, '0')}:00-04:00,${prices}`;
const GOOD_LINES = Array.from({ length: 6 }, (_, i) => good(i));

function file(name: string, lines: readonly string[]): string {
  const path = join(dir, name);
  writeFileSync(path, [HEADER, ...lines].join('\n') + '\n');
  return path;
}

/** The good file with data line `i` (file line i + 2) replaced. */
const withLine = (name: string, i: number, line: string) => file(name, GOOD_LINES.map((l, k) => (k === i ? line : l)));

beforeAll(async () => {
  t = await openTestStore(dir);
  await t.store.ingestFiles([file('seed.csv', [good(10), good(11)])], INGEST_1M);
  before = await t.fingerprint();
});
afterAll(() => t.close());

async function rejection(files: string[]): Promise<BarInputError> {
  const e = await t.store.ingestFiles(files, INGEST_1M).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(BarInputError);
  expect(await t.fingerprint()).toBe(before); // nothing stored
  return e as BarInputError;
}

describe('a file with bad rows is rejected whole, naming lines and reasons', () => {
  it.each([
    ['high below open/close', 2, good(2, '500,499.5,499,500.5,10'), /line 4: high 499.5 is below open 500.0, close 500.5 or low 499.0/],
    ['high below low', 1, good(1, '500,500,501,500,10'), /line 3: high 500.0 is below/],
    ['low above open/close', 3, good(3, '500,501,500.2,500.5,10'), /line 5: low 500.2 is above open 500.0 or close 500.5/],
    ['non-positive price', 0, good(0, '0,501,0,500.5,10'), /line 2: prices must be positive \(open 0.0/],
    ['negative volume', 4, good(4, '500,501,499,500.5,-5'), /line 6: negative volume -5.0/],
    ['off the bar grid', 5, '2024-03-26T09:35:30-04:00,500,501,499,500.5,10', /line 7: bar start 2024-03-26 09:35:30 New York is off the 1m grid/],
    ['duplicate stamp', 3, good(1), /line 5: duplicate bar start 2024-03-26 09:31:00 New York \(first at line 3\)/],
    ['unreadable stamp', 2, 'yesterday,500,501,499,500.5,10', /line 4: unreadable time stamp "yesterday"/],
    ['missing value', 2, '2024-03-26T09:32:00-04:00,500,,499,500.5,10', /line 4: missing or non-numeric price or volume/],
    ['text in a number column', 1, '2024-03-26T09:31:00-04:00,abc,501,499,500.5,10', /line 3: .*"abc"/],
  ])('%s', async (rule, i, line, message) => {
    const e = await rejection([withLine(`${rule.replace(/\W/g, '_')}.csv`, i, line)]);
    expect(e.message).toMatch(/\.csv: 1 bad line, nothing stored/);
    expect(e.message).toMatch(message);
  });

  it('lists the first five of many, with the total', async () => {
    const lines = GOOD_LINES.map((_, k) => good(k, '500,501,499,500.5,-1'));
    const e = await rejection([file('many.csv', [...lines, ...lines.map((_, k) => good(k + 10, '1,1,2,1,1'))])]);
    expect(e.badRows).toBe(12);
    expect(e.problems.map((p) => p.at)).toEqual([2, 3, 4, 5, 6]);
    expect(e.message).toMatch(/many\.csv: 12 bad lines, nothing stored/);
  });

  it('one bad file among several stores none of them', async () => {
    const e = await rejection([file('fine.csv', GOOD_LINES), withLine('bad.csv', 1, good(1, '500,501,499,500.5,-5'))]);
    expect(e.input).toMatch(/bad\.csv$/);
  });

  it('daily bars must be stamped at the 09:30 New York open', async () => {
    const one = Float64Array.of(500);
    const daily = (ts: number) => ({ ts: Float64Array.of(ts), open: one, high: one, low: one, close: one, volume: one, length: 1 });
    await expect(t.store.insertBars('SPY', '1d', 'x', daily(Date.UTC(2024, 2, 26, 4)), 'keep')).rejects.toThrow(
      /row 1: daily bar at 2024-03-26 00:00:00 New York, not at the 09:30 open/,
    );
    expect(await t.fingerprint()).toBe(before);
  });

  it('in-memory bars are checked the same way and numbered by row', async () => {
    const ts = Float64Array.of(Date.UTC(2024, 2, 26, 13, 30), Date.UTC(2024, 2, 26, 13, 31, 5));
    const one = Float64Array.of(500, 500);
    const e = await t.store
      .insertBars('SPY', '1m', 'live', { ts, open: one, high: Float64Array.of(501, 501), low: Float64Array.of(499, 502), close: one, volume: one, length: 2 }, 'keep')
      .then(
        () => null,
        (err: unknown) => err as BarInputError,
      );
    expect(e).toBeInstanceOf(BarInputError);
    expect(e!.message).toMatch(/SPY 1m bars from live: 1 bad row, nothing stored\n {2}row 2: high 501.0 is below .* low 502.0/);
    expect(await t.fingerprint()).toBe(before);
  });
});
