import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BarColumns } from '../../src/core/bar.js';
import { openDatabase } from '../../src/duckdb/database.js';
import { migrate } from '../../src/duckdb/migrate.js';
import { compareJournals, formatDifference } from '../../src/journal/compare-journals.js';
import { JournalBuffer } from '../../src/journal/journal-buffer.js';
import { loadRun } from '../../src/journal/journal-reader.js';
import { writeRun } from '../../src/journal/journal-writer.js';
import { JOURNAL_COMPONENT, JOURNAL_MIGRATIONS } from '../../src/journal/schema.js';
import { BarStore } from '../../src/venues/history/bar-store.js';
import { syntheticMinuteBars } from '../../src/venues/history/synthetic-sample.js';
import { tempDir } from '../support/tmp.js';
import { sampleRun } from './sample-journal.js';

const dir = tempDir('optbot-stored-bars-');
const DAY = 86_400_000;

/** A store with 3 synthetic sessions of SPY, and the bars a backtest would read of them. */
async function storeWithBars(name: string) {
  const db = await openDatabase(join(dir, `${name}.duckdb`));
  const store = await BarStore.fromDatabase(db);
  const all = syntheticMinuteBars({ sessions: 3, seed: 5 });
  await store.insertBars('SPY', '1m', 'synthetic', all, 'keep');
  const [from, to] = [all.ts[0]!, all.ts[all.length - 1]! + DAY];
  const bars = await store.readColumns('SPY', '1m', from, to);
  return { db, store, bars, from, to };
}

function bufferWith(bars: BarColumns, from: number, to: number): JournalBuffer {
  const b = new JournalBuffer();
  b.storedBars('SPY', '1m', from, to, bars);
  b.equity(bars.ts[0]!, 100, 100, 0, 0, 0);
  return b;
}

describe('bars journalled by reference to the bar store, per-bar rows keyed by run_key', () => {
  it('writes one reference row instead of the bars, and reads the same bars back', async () => {
    const { db, bars, from, to } = await storeWithBars('roundtrip');
    const b = bufferWith(bars, from, to);
    const counts = await writeRun(db, sampleRun('ref'), b, 1);
    expect(counts.bars).toBe(bars.length);
    const rows = async (sql: string) => (await db.connection.runAndReadAll(sql)).getRowsJS();
    expect(await rows(`SELECT count(*)::INT FROM journal.copied_bars WHERE run_id = 'ref'`)).toEqual([[0]]);
    expect(await rows(`SELECT first_seq, symbol, bar_size, bars FROM journal.bar_refs WHERE run_id = 'ref'`)).toEqual([[0, 'SPY', '1m', bars.length]]);
    const loaded = await loadRun(db, 'ref');
    expect(compareJournals({ run: sampleRun('ref'), ...b.tables() }, loaded).map(formatDifference)).toEqual([]);
    expect(loaded.bars.symbol.every((s) => s === 'SPY')).toBe(true);
    // SQL sees them through the journal.bars view, numbered in time order as the run saw them.
    const last = bars.length - 1;
    expect(await rows(`SELECT count(*)::INT, min(seq), max(seq), max(ts) FILTER (WHERE seq = ${last}), sum(close) FROM journal.bars WHERE run_id = 'ref'`)).toEqual([
      [bars.length, 0, last, BigInt(bars.ts[last]!), bars.close.reduce((s, c) => s + c, 0)],
    ]);
    db.close();
  });

  it('gives a run its own copy of the bars it saw before an ingest replaces or adds bars in its span', async () => {
    const { db, store, bars, from, to } = await storeWithBars('replaced');
    await writeRun(db, sampleRun('before'), bufferWith(bars, from, to), 1);
    await writeRun(db, sampleRun('elsewhere'), bufferWith(bars, from - 10 * DAY, from - 5 * DAY), 1);
    const changed = { ...bars, close: bars.close.slice(), high: bars.high.slice(), length: 1 };
    changed.close[0] = bars.close[0]! + 0.01;
    changed.high[0] = Math.max(bars.high[0]!, changed.close[0]!);
    // An identical re-ingest changes nothing, so the reference stays.
    await store.insertBars('SPY', '1m', 'again', bars, 'replace');
    const refs = async () => (await db.connection.runAndReadAll(`SELECT run_id FROM journal.bar_refs ORDER BY run_id`)).getRowsJS().flat();
    expect(await refs()).toEqual(['before', 'elsewhere']);
    await store.insertBars('SPY', '1m', 'fix', changed, 'replace');
    expect(await refs()).toEqual(['elsewhere']);
    const kept = await loadRun(db, 'before');
    expect(kept.bars.length).toBe(bars.length);
    expect([kept.bars.close[0], kept.bars.close[1]]).toEqual([bars.close[0], bars.close[1]]);
    expect((await store.readColumns('SPY', '1m', from, to)).close[0]).toBe(changed.close[0]);
    db.close();
  });

  it('refuses to show a run whose referenced bars were removed behind the store\'s back, naming the run and the series', async () => {
    const { db, bars, from, to } = await storeWithBars('removed');
    await writeRun(db, sampleRun('before'), bufferWith(bars, from, to), 1);
    await db.connection.run(`DELETE FROM bars WHERE ts = (SELECT min(ts) FROM bars)`);
    await expect(loadRun(db, 'before')).rejects.toThrow(/run before used \d+ SPY 1m bars .* the store now holds \d+ bars/);
    db.close();
  });

  it('keeps copied bars (live, rehearsals), and the bars, equity and marks of runs journalled before the migrations', async () => {
    const db = await openDatabase(join(dir, 'migrated.duckdb'));
    await migrate(db, JOURNAL_COMPONENT, JOURNAL_MIGRATIONS.slice(0, 1));
    await db.connection.run(`INSERT INTO journal.runs (run_id, mode, settings, symbols, instrument, data_from, data_to, data_sources, code_version, started_at)
      VALUES ('old', 'backtest', '{}', ['SPY'], 'stock', 0, 1, ['x'], 'v', 0)`);
    await db.connection.run(`INSERT INTO journal.bars VALUES ('old', 0, 'SPY', 60000, 1, 2, 0.5, 1.5, 10), ('old', 1, 'SPY', 120000, 1.5, 2, 1, 1.75, 20)`);
    await db.connection.run(`INSERT INTO journal.equity VALUES ('old', 0, 60000, 100, 100, 0, 0, 0), ('old', 1, 120000, 101, 90, 0, 1, 1)`);
    await db.connection.run(`INSERT INTO journal.marks VALUES ('old', 0, 'SPY-1', 120000, 2.5)`);
    const live = new JournalBuffer();
    live.bar('QQQ', { ts: 60_000, open: 3, high: 4, low: 2, close: 3.5, volume: 7 });
    await writeRun(db, sampleRun('live'), live, 1);
    const old = await loadRun(db, 'old');
    expect([...old.bars.close]).toEqual([1.5, 1.75]);
    expect([...old.equity.equity, ...old.marks.price, ...old.marks.intentId]).toEqual([100, 101, 2.5, 'SPY-1']);
    expect((await loadRun(db, 'live')).bars.symbol).toEqual(['QQQ']);
    const equity = await db.connection.runAndReadAll(`SELECT run_id, seq, cash FROM journal.equity ORDER BY run_id, seq`);
    expect(equity.getRowsJS()).toEqual([
      ['old', 0, 100],
      ['old', 1, 90],
    ]);
    const view = await db.connection.runAndReadAll(`SELECT run_id, seq, symbol, close FROM journal.bars ORDER BY run_id, seq`);
    expect(view.getRowsJS()).toEqual([
      ['live', 0, 'QQQ', 3.5],
      ['old', 0, 'SPY', 1.5],
      ['old', 1, 'SPY', 1.75],
    ]);
    db.close();
  });
});
