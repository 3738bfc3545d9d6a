import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BarColumns } from '../../src/core/bar.js';
import { BarStore } from '../../src/venues/history/bar-store.js';
import { SYNTHETIC_SOURCE, syntheticMinuteBars } from '../../src/venues/history/synthetic-sample.js';
import { tempDir } from '../support/tmp.js';
import { openTestStore, type TestStore } from './store-fixture.js';

const dir = tempDir('optbot-store-');
const sample = syntheticMinuteBars({ sessions: 20, seed: 3 });
let t: TestStore;

beforeAll(async () => {
  t = await openTestStore(dir);
  expect(await t.store.insertBars('SPY', '1m', SYNTHETIC_SOURCE, sample, 'keep')).toEqual({ rows: 7800 - 180, inserted: 7800 - 180, identical: 0, kept: 0, replaced: 0 });
});
afterAll(() => t.close());

const slice = (b: BarColumns, from: number, to: number): BarColumns => ({
  ts: b.ts.slice(from, to), open: b.open.slice(from, to), high: b.high.slice(from, to), low: b.low.slice(from, to),
  close: b.close.slice(from, to), volume: b.volume.slice(from, to), length: to - from,
});

describe('BarStore reads', () => {
  it('returns exactly the inserted bars, oldest first', async () => {
    expect(await t.store.readColumns('SPY', '1m', -Infinity, Infinity)).toEqual(sample);
  });

  it('selects by bar start: from inclusive, to exclusive', async () => {
    const got = await t.store.readColumns('SPY', '1m', sample.ts[100]!, sample.ts[250]!);
    expect(got).toEqual(slice(sample, 100, 250));
    expect((await t.store.readColumns('SPY', '5m', -Infinity, Infinity)).length).toBe(0);
    expect((await t.store.readColumns('QQQ', '1m', -Infinity, Infinity)).length).toBe(0);
  });

  it('streams the same bars in batches while the store stays usable', async () => {
    const batches: BarColumns[] = [];
    for await (const b of t.store.streamColumns('SPY', '1m', -Infinity, Infinity, 3000)) {
      batches.push(b);
      expect(await t.store.countBars('SPY', '1m')).toBe(sample.length); // other work between batches
    }
    expect(batches.map((b) => b.length)).toEqual([4096, 3524]); // whole DuckDB chunks of 2048
    expect(Array.from(batches.flatMap((b) => Array.from(b.close)))).toEqual(Array.from(sample.close));
  });

  it('returns bars in time order even when later bars were stored first', async () => {
    const late = slice(sample, 5000, 5100);
    const early = slice(sample, 0, 100);
    const path = `${dir}/unordered.duckdb`;
    const store = await BarStore.open(path);
    await store.insertBars('SPY', '1m', 'a', late, 'keep');
    await store.insertBars('SPY', '1m', 'b', early, 'keep');
    const got = await store.readColumns('SPY', '1m', -Infinity, Infinity);
    expect(Array.from(got.ts)).toEqual([...early.ts, ...late.ts]);
    expect(Array.from(got.close)).toEqual([...early.close, ...late.close]);
    store.close();
  });

  it('counts by source', async () => {
    expect(await t.store.countBars('SPY', '1m', { source: SYNTHETIC_SOURCE })).toBe(sample.length);
    expect(await t.store.countBars('SPY', '1m', { exceptSource: SYNTHETIC_SOURCE })).toBe(0);
    expect(await t.store.countBars('SPY', '1m', { fromMs: sample.ts[10]!, toMs: sample.ts[20]! })).toBe(10);
  });
});

describe('BarStore.insertBars', () => {
  it('follows the conflict policy and reports it', async () => {
    const changed = slice(sample, 0, 10);
    changed.close[3] = changed.high[3]!; // still a valid bar, now different
    expect(await t.store.insertBars('SPY', '1m', 'live', changed, 'keep')).toEqual({ rows: 10, inserted: 0, identical: 9, kept: 1, replaced: 0 });
    expect((await t.store.readColumns('SPY', '1m', sample.ts[3]!, sample.ts[4]!)).close[0]).toBe(sample.close[3]);
    expect(await t.store.insertBars('SPY', '1m', 'live', changed, 'replace')).toEqual({ rows: 10, inserted: 0, identical: 9, kept: 0, replaced: 1 });
    expect((await t.store.readColumns('SPY', '1m', sample.ts[3]!, sample.ts[4]!)).close[0]).toBe(changed.high[3]);
    expect(await t.store.countBars('SPY', '1m', { source: 'live' })).toBe(1);
  });
});

describe('BarStore.resample on the synthetic sample', () => {
  it('never crosses sessions and ends early closes with the last bucket before 13:00', async () => {
    const thirty = await t.store.resample('SPY', '30m', -Infinity, Infinity);
    expect(thirty.length).toBe(19 * 13 + 7); // 2025-12-24 closes at 13:00
    const daily = await t.store.resample('SPY', '1d', -Infinity, Infinity);
    expect(daily.length).toBe(20);
    expect(daily.volume.reduce((s, v) => s + v, 0)).toBe(thirty.volume.reduce((s, v) => s + v, 0));
  });
});

describe('BarStore.open', () => {
  it('reopens a file with its bars and schema version', async () => {
    const path = `${dir}/reopen.duckdb`;
    const a = await BarStore.open(path);
    await a.insertBars('SPY', '1m', SYNTHETIC_SOURCE, slice(sample, 0, 5), 'keep');
    a.close();
    const b = await BarStore.open(path);
    expect((await b.readColumns('SPY', '1m', -Infinity, Infinity)).length).toBe(5);
    b.close();
  });
});
