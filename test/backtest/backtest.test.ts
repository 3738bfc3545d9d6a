import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backtestStored } from '../../src/backtest/backtest-run.js';
import { sessionsBetween } from '../../src/calendar/index.js';
import { defaultSettings, type Settings } from '../../src/config/schema.js';
import { openDatabase, type Database } from '../../src/duckdb/database.js';
import { compareJournals, formatDifference } from '../../src/journal/compare-journals.js';
import { loadRun } from '../../src/journal/journal-reader.js';
import { BarStore } from '../../src/venues/history/bar-store.js';
import { syntheticMinuteBars } from '../../src/venues/history/synthetic-sample.js';
import { optbot } from '../support/cli.js';
import { hasSharedData, sharedFile } from '../support/shared-data.js';
import { tempDir } from '../support/tmp.js';

const stock = (): Settings => {
  const s = defaultSettings();
  s.backtest.instrument = 'stock';
  s.logging.file = '';
  return s;
};

let clock = 0;
const backtest = (db: Database, settings: Settings, runId: string) =>
  backtestStored({ db, settings, symbol: 'SPY', runId, codeVersion: 'test', now: () => ++clock });

describe('backtest on the synthetic sample', () => {
  const dir = tempDir();

  it('is deterministic: two runs journal the same rows apart from run ids and wall-clock stamps', async () => {
    const db = await openDatabase(join(dir, 'det.duckdb'));
    const store = await BarStore.fromDatabase(db);
    await store.insertBars('SPY', '1m', 'synthetic', syntheticMinuteBars({ sessions: 20 }), 'keep');
    const a = await backtest(db, stock(), 'run-a');
    await backtest(db, stock(), 'run-b');
    expect(a.statistics.trades).toBeGreaterThan(5);
    const [ja, jb] = [await loadRun(db, 'run-a'), await loadRun(db, 'run-b')];
    expect(compareJournals(ja, jb, undefined, { ignore: { logs: ['ts'] } }).map(formatDifference)).toEqual([]);
    // The comparison itself can fail: a different setting shows up as a difference.
    const changed = stock();
    changed.risk.stop_loss_pct = 0.2;
    await backtest(db, changed, 'run-c');
    expect(compareJournals(ja, await loadRun(db, 'run-c')).length).toBeGreaterThan(0);
    db.close();
  });

  it('keeps its books: final equity is the initial equity plus the round trips, and every fill is journalled', async () => {
    const db = await openDatabase(join(dir, 'books.duckdb'));
    const store = await BarStore.fromDatabase(db);
    await store.insertBars('SPY', '1m', 'synthetic', syntheticMinuteBars({ sessions: 20, seed: 7 }), 'keep');
    const r = await backtest(db, stock(), 'books');
    const j = await loadRun(db, 'books');
    const pnl = j.trades.reduce((sum, t) => sum + t.pnl, 0);
    expect(r.statistics.finalEquity).toBeCloseTo(100_000 + pnl, 6);
    expect(j.fills.length).toBe(2 * j.trades.length);
    // Stock mode holds no position overnight: every round trip ends on its entry's session.
    for (const t of j.trades) expect(new Date(t.exitTs - 5 * 3_600_000).toISOString().slice(0, 10)).toBe(new Date(t.entryTs - 5 * 3_600_000).toISOString().slice(0, 10));
    // One equity point per minute of every session (2025-12-24 closes at 13:00).
    expect(j.equity.length).toBe(j.bars.length);
    db.close();
  });
});

describe('option-mode backtest on the synthetic sample', () => {
  const dir = tempDir();

  it('trades synthetic-chain contracts and keeps its books', async () => {
    const db = await openDatabase(join(dir, 'options.duckdb'));
    const store = await BarStore.fromDatabase(db);
    await store.insertBars('SPY', '1m', 'synthetic', syntheticMinuteBars({ sessions: 10, seed: 3 }), 'keep');
    const settings = defaultSettings();
    settings.logging.file = '';
    settings.schedule.flatten_scope = 'all'; // flat at every session's end, so equity is cash
    const r = await backtest(db, settings, 'opt');
    const j = await loadRun(db, 'opt');
    expect(j.trades.length).toBeGreaterThan(5);
    for (const t of j.trades) {
      expect(t.contract).toMatch(/^SPY \d{4}-\d{2}-\d{2} \d+[CP]$/);
      expect(t.instrument).toBe('option');
      expect(t.takeProfitPrice).toBeGreaterThan(t.stopPrice);
    }
    const pnl = j.trades.reduce((sum, t) => sum + t.pnl, 0);
    expect(r.statistics.finalEquity).toBeCloseTo(100_000 + pnl, 6);
    // Every risk rejection says why.
    for (const d of j.riskDecisions.filter((x) => !x.approved)) expect(d.reason.length).toBeGreaterThan(10);
    db.close();
  });
});

describe('option mode priced from the stored VIX', () => {
  const dir = tempDir();

  it('needs the VIX bars, and uses them', async () => {
    const db = await openDatabase(join(dir, 'vix.duckdb'));
    const store = await BarStore.fromDatabase(db);
    await store.insertBars('SPY', '1m', 'synthetic', syntheticMinuteBars({ sessions: 5, seed: 4 }), 'keep');
    const settings = defaultSettings();
    settings.logging.file = '';
    settings.backtest.pricing.iv_source = 'vix';
    await expect(backtest(db, settings, 'no-vix')).rejects.toThrow('the store has no 1d bars of VIX for this range');
    // Daily VIX bars (stamped at each session's open) at 30, twice the fixed IV's 15 %.
    const sessions = sessionsBetween('2025-12-15', '2025-12-31');
    const ts = Float64Array.from(sessions, (x) => x.open);
    const flat = new Float64Array(ts.length).fill(30);
    await store.insertBars('VIX', '1d', 'test', { ts, open: flat, high: flat, low: flat, close: flat, volume: new Float64Array(ts.length), length: ts.length }, 'keep');
    await backtest(db, settings, 'vix');
    const fixed = defaultSettings();
    fixed.logging.file = '';
    await backtest(db, fixed, 'fixed');
    const premium = async (id: string) => (await loadRun(db, id)).fills.find((f) => f.role === 'entry')!.price;
    // Same first contract choice, priced at roughly 0.84 × 30 % ≈ 25 % against 15 %: dearer.
    expect(await premium('vix')).toBeGreaterThan((await premium('fixed')) * 1.3);
    db.close();
  });
});

describe.skipIf(!hasSharedData)('stock-mode backtest of the real year (spy_1min_2024-03-26_2025-04-02)', () => {
  const dir = tempDir();

  it('runs, trades, and gives the same statistics twice', async () => {
    const db = await openDatabase(join(dir, 'real.duckdb'));
    const store = await BarStore.fromDatabase(db);
    await store.ingestFiles([sharedFile('spy_1min_2024-03-26_2025-04-02.csv.gz')], { symbol: 'SPY', barSize: '1m', tz: 'America/New_York', stamp: 'start', onConflict: 'keep' });
    const a = await backtest(db, stock(), 'year-a');
    const b = await backtest(db, stock(), 'year-b');
    expect(a.bars).toBe(99_264);
    expect(a.statistics.sessions).toBe(256);
    expect(a.statistics.trades).toBeGreaterThan(100);
    expect(b.statistics).toEqual(a.statistics);
    console.log(`[real year, stock mode] ${JSON.stringify({ ...a.statistics, daily: undefined })}`);
    db.close();
  });
});

describe('optbot backtest (CLI)', () => {
  const dir = tempDir();

  it('runs on the sample, prints statistics and the run id, and writes the report', () => {
    expect(optbot(['data', 'sample', '--sessions', '10'], { cwd: dir }).code).toBe(0);
    const r = optbot(['backtest', '--set', 'backtest.instrument=stock', '--set', 'logging.file=""'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[SYNTHETIC DATA]');
    expect(r.stdout).toMatch(/Sharpe \(daily, √252\)\s+-?\d/);
    const runId = /run id: (bt-\S+)/.exec(r.stdout)?.[1];
    expect(runId).toBeDefined();
    expect(existsSync(join(dir, `reports/${runId}.html`))).toBe(true);
  });

  it('bad input exits 2 and changes nothing', () => {
    const bad = optbot(['backtest', '--from', '2024-13-45x'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--from 2024-13-45x: expected a date YYYY-MM-DD');
    const empty = optbot(['backtest', '--symbol', 'QQQ', '--set', 'logging.file=""'], { cwd: dir });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('no 1-minute bars of QQQ in the store');
  });
});
