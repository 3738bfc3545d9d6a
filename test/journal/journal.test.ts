import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/duckdb/database.js';
import { compareJournals, formatDifference, type ComparableJournal } from '../../src/journal/compare-journals.js';
import { JournalBuffer } from '../../src/journal/journal-buffer.js';
import { listRuns, loadRun } from '../../src/journal/journal-reader.js';
import { JournalWriter, writeRun } from '../../src/journal/journal-writer.js';
import { columnOf, RECORD_TABLES, RUN_FIELDS } from '../../src/journal/record-tables.js';
import { JOURNAL_COMPONENT, JOURNAL_MIGRATIONS, JOURNAL_SCHEMA, migrateJournal } from '../../src/journal/schema.js';
import { migrate } from '../../src/duckdb/migrate.js';
import { tempDir } from '../support/tmp.js';
import { sampleBuffer, sampleRun } from './sample-journal.js';

const dir = tempDir('optbot-journal-');
let db: Database;
beforeAll(async () => {
  db = await openDatabase(join(dir, 'store.duckdb'));
});
afterAll(() => db.close());

const asData = (runId: string, b: JournalBuffer): ComparableJournal => ({ run: sampleRun(runId), ...b.tables() });

describe('JournalBuffer', () => {
  it('keeps equity in growable columns across many appends', () => {
    const b = new JournalBuffer();
    for (let i = 0; i < 10_000; i++) b.equity(i * 60_000, 1000 + i, 1000, i, 0, i % 2);
    const e = b.equitySeries;
    expect(e.length).toBe(10_000);
    expect(e.ts.length).toBe(10_000);
    expect(e.equity[9_999]).toBe(10_999);
    expect(e.openPositions[3]).toBe(1);
    expect(e.realized[0]).toBe(0);
  });

  it('stores log events without their run id, other fields apart', () => {
    const b = new JournalBuffer();
    b.write({ ts: 5, level: 'warn', run_id: 'r', event: 'guard', msg: 'halted', pnl: -5 });
    b.write({ ts: 6, level: 'info', run_id: 'r', event: 'cycle' });
    expect(b.logs).toEqual([
      { ts: 5, level: 'warn', event: 'guard', msg: 'halted', fields: { pnl: -5 } },
      { ts: 6, level: 'info', event: 'cycle', msg: null, fields: {} },
    ]);
  });
});

describe('journal in DuckDB', () => {
  it('creates tables whose columns are run_id, seq and the record fields in order', async () => {
    await writeRun(db, sampleRun('schema-probe'), new JournalBuffer(), 1);
    const columns = async (table: string) =>
      (await db.connection.runAndReadAll(`SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`, [JOURNAL_SCHEMA, table])).getColumnsJS()[0];
    expect(await columns('runs')).toEqual(Object.keys(RUN_FIELDS).map(columnOf));
    for (const { table, fields } of Object.values(RECORD_TABLES)) {
      // Signals keep the text of runs journalled before rules and facts, last.
      const legacy = table === 'signals' ? ['reasons'] : [];
      expect(await columns(table)).toEqual(['run_id', 'seq', ...Object.keys(fields).map(columnOf), ...legacy]);
    }
    const version = await db.connection.runAndReadAll(`SELECT version FROM schema_versions WHERE component = 'journal'`);
    expect(version.getRowsJS()).toEqual([[JOURNAL_MIGRATIONS.length]]);
  });

  it('upgrades a version-1 journal, whose signals stored their reasons as text, without losing them', async () => {
    const old = await openDatabase(join(dir, 'v1.duckdb'));
    try {
      await migrate(old, JOURNAL_COMPONENT, JOURNAL_MIGRATIONS.slice(0, 1));
      const run = sampleRun('v1-run');
      await old.connection.run(`INSERT INTO journal.runs VALUES ('v1-run', 'backtest', $1, ['SPY'], 'option', 0, 0, ['csv'], 'v1', 0, 1)`, [JSON.stringify(run.settings)]);
      await old.connection.run(`INSERT INTO journal.signals VALUES ('v1-run', 0, 60000, 'SPY', 'scalp', 'HOLD', 0, ['RSI14 55.00', 'no rule matched'])`);
      await migrateJournal(old);
      const b = new JournalBuffer();
      b.signal({ ts: 120_000, symbol: 'SPY', strategy: 'scalp', action: 'HOLD', confidence: 0, rule: 'insufficient-bars', facts: [3] });
      await writeRun(old, sampleRun('v2-run'), b, 1);
      expect((await loadRun(old, 'v1-run')).signals).toEqual([{ ts: 60_000, symbol: 'SPY', strategy: 'scalp', action: 'HOLD', confidence: 0, rule: '', facts: [], reasons: ['RSI14 55.00', 'no rule matched'] }]);
      expect((await loadRun(old, 'v2-run')).signals[0]!.reasons).toEqual(['insufficient bars: 3 closed 1-minute bars, need 30']);
    } finally {
      old.close();
    }
  });

  it('loads a run back exactly as it was buffered', async () => {
    const b = sampleBuffer(8); // > 2048 rows per columnar table: several chunks
    const counts = await writeRun(db, sampleRun('roundtrip'), b, 1_700_000_099_000);
    expect(counts.equity).toBe(8 * 390);
    expect(counts.bars).toBe(8 * 390);
    expect(counts.trades).toBe(32);
    const loaded = await loadRun(db, 'roundtrip');
    const diffs = compareJournals(asData('roundtrip', b), loaded);
    expect(diffs.map(formatDifference)).toEqual([]);
    expect(loaded.run.endedAt).toBe(1_700_000_099_000);
    expect(loaded.run.settings).toEqual(sampleRun('x').settings);
    const market = loaded.orders.find((o) => o.type === 'MKT')!;
    expect(market.price).toBeNaN();
    expect(loaded.riskDecisions.at(-1)).toEqual({ ts: b.riskDecisions.at(-1)!.ts, symbol: 'SPY', intentId: null, kind: 'guard-halt', approved: false, reason: 'daily loss 5%' });
    expect(loaded.logs.at(-1)!.fields).toEqual({ fields: { nested: [1, 2] } });
    expect(loaded.marks.intentId.slice(0, 2)).toEqual(['i1', 'i1']);
    expect(new Set(loaded.marks.intentId).size).toBe(32);
    // SQL sees the stamps as epoch ms and the market order's price as NULL.
    const sql = await db.connection.runAndReadAll(
      `SELECT count(*) FILTER (WHERE price IS NULL)::INT, min(epoch_ms(ts))::VARCHAR FROM journal.orders WHERE run_id = 'roundtrip'`,
    );
    expect(b.orders[0]!.ts).toBe(Date.UTC(2024, 2, 26, 14, 48));
    expect(sql.getRowsJS()).toEqual([[32, '2024-03-26 14:48:00']]);
  });

  it('flushes incrementally: each flush appends only the new rows, seq continues', async () => {
    const b = new JournalBuffer();
    const w = await JournalWriter.begin(db, sampleRun('live'), b);
    b.equity(1, 100, 100, 0, 0, 0);
    b.signal({ ts: 1, symbol: 'SPY', strategy: 'scalp', action: 'BUY', confidence: 0.5, rule: 'entry', facts: [1.5, NaN, -2] });
    expect((await w.flush()).equity).toBe(1);
    b.equity(2, 101, 100, 0, 1, 1);
    b.equity(3, 102, 100, 0, 2, 1);
    const second = await w.flush();
    expect([second.equity, second.signals]).toEqual([2, 0]);
    await w.end(99);
    const seq = await db.connection.runAndReadAll(`SELECT list(seq ORDER BY seq), list(ts ORDER BY seq)::VARCHAR FROM journal.equity WHERE run_id = 'live'`);
    expect(seq.getRowsJS()).toEqual([[[0, 1, 2], '[1, 2, 3]']]);
    expect((await loadRun(db, 'live')).signals[0]).toMatchObject({ rule: 'entry', facts: [1.5, NaN, -2] });
  });

  it('writes a flush all or nothing', async () => {
    const b = new JournalBuffer();
    const w = await JournalWriter.begin(db, sampleRun('atomic'), b);
    b.equity(1, 100, 100, 0, 0, 0);
    b.fill({ ts: 1, orderId: null as unknown as string, intentId: 'i', role: 'entry', quantity: 1, price: 1, fees: 1 });
    await expect(w.flush()).rejects.toThrow();
    const n = await db.connection.runAndReadAll(`SELECT count(*)::INT FROM journal.equity WHERE run_id = 'atomic'`);
    expect(n.getRowsJS()).toEqual([[0]]);
  });

  it('names the intents of marks again after a failed flush, so none is lost', async () => {
    const b = new JournalBuffer();
    const w = await JournalWriter.begin(db, sampleRun('retry'), b);
    b.mark('SPY-a', 1, 2.5);
    b.bar(null as unknown as string, { ts: 1, open: 1, high: 1, low: 1, close: 1, volume: 1 });
    await expect(w.flush()).rejects.toThrow();
    b.barSeries.symbol[0] = 'SPY';
    b.mark('SPY-b', 2, 2.6);
    b.mark('SPY-a', 3, 2.7);
    await w.end(3);
    const marks = (await loadRun(db, 'retry')).marks;
    expect([marks.intentId, [...marks.price]]).toEqual([['SPY-a', 'SPY-b', 'SPY-a'], [2.5, 2.6, 2.7]]);
  });

  it('writes a finished run in one transaction: a failure leaves not even its run row', async () => {
    const b = new JournalBuffer();
    b.fill({ ts: 1, orderId: null as unknown as string, intentId: 'i', role: 'entry', quantity: 1, price: 1, fees: 1 });
    await expect(writeRun(db, sampleRun('whole'), b, 2)).rejects.toThrow();
    expect((await listRuns(db)).some((r) => r.runId === 'whole')).toBe(false);
    b.fills.length = 0;
    await writeRun(db, sampleRun('whole'), b, 2);
    expect((await loadRun(db, 'whole')).run.endedAt).toBe(2);
  });

  it('refuses a run id already recorded', async () => {
    await expect(JournalWriter.begin(db, sampleRun('roundtrip'), new JournalBuffer())).rejects.toThrow(/run roundtrip is already recorded/);
  });

  it('lists runs with their trade totals', async () => {
    const runs = await listRuns(db);
    const rt = runs.find((r) => r.runId === 'roundtrip')!;
    const b = sampleBuffer(8);
    expect(rt.trades).toBe(32);
    expect(rt.pnl).toBeCloseTo(b.trades.reduce((s, t) => s + t.pnl, 0), 9);
    expect(rt.fees).toBeCloseTo(32 * 6.5, 9);
    expect(rt.symbols).toEqual(['SPY']);
    expect(runs.find((r) => r.runId === 'live')!.trades).toBe(0);
  });

  it('lists nothing and loads nothing in a store without a journal', async () => {
    const empty = await openDatabase(':memory:');
    expect(await listRuns(empty)).toEqual([]);
    await expect(loadRun(empty, 'nope')).rejects.toThrow(/no run nope/);
    empty.close();
  });
});

describe('determinism', () => {
  it('the same buffers written twice give identical rows apart from run ids and wall-clock stamps', async () => {
    await writeRun(db, sampleRun('det-a', 1), sampleBuffer(6), 10);
    await writeRun(db, sampleRun('det-b', 2), sampleBuffer(6), 20);
    const a = await loadRun(db, 'det-a');
    const b = await loadRun(db, 'det-b');
    expect(compareJournals(a, b)).toEqual([]);
  });

  it('reports the first differences, row by row', async () => {
    const a = asData('a', sampleBuffer(2));
    const changed = sampleBuffer(2);
    changed.trades[3]!.pnl += 0.01;
    changed.equitySeries.equity[100] = 1;
    changed.signal({ ts: 0, symbol: 'QQQ', strategy: 's', action: 'HOLD', confidence: 0, rule: 'none', facts: [] });
    const diffs = compareJournals(a, asData('b', changed));
    expect(diffs.map((d) => [d.table, d.row, d.field])).toEqual([
      ['signals', null, 'rows'],
      ['trades', 3, 'pnl'],
      ['equity', 100, 'equity'],
    ]);
    expect(compareJournals(a, asData('b', changed), ['equity'], { limit: 1 })).toHaveLength(1);
    const logsMoved = sampleBuffer(2);
    logsMoved.logs[0]!.ts += 1;
    expect(compareJournals(a, asData('b', logsMoved), ['logs'])).toHaveLength(1);
    expect(compareJournals(a, asData('b', logsMoved), ['logs'], { ignore: { logs: ['ts'] } })).toEqual([]);
  });
});
