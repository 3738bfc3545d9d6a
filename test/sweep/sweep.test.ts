import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backtestStored } from '../../src/backtest/backtest-run.js';
import { sessionsBetween } from '../../src/calendar/index.js';
import { defaultSettings, type Settings } from '../../src/config/schema.js';
import { openDatabase, type Database } from '../../src/duckdb/database.js';
import { figuresOf } from '../../src/sweep/figures.js';
import { parseGrid } from '../../src/sweep/grid.js';
import { rank } from '../../src/sweep/objective.js';
import { resumeSweep, startSweep, type NewSweep, type SweepRunOptions } from '../../src/sweep/run-sweep.js';
import { SweepStore } from '../../src/sweep/sweep-store.js';
import { BarStore } from '../../src/venues/history/bar-store.js';
import { syntheticMinuteBars } from '../../src/venues/history/synthetic-sample.js';
import { tempDir } from '../support/tmp.js';

// Worker threads run the compiled dist/src/sweep/sweep-worker.js: `npm test` builds it first.

const stock = (): Settings => {
  const s = defaultSettings();
  s.backtest.instrument = 'stock';
  s.logging.file = '';
  return s;
};

const GRID = parseGrid('risk.stop_loss_pct: {from: 0.05, to: 0.15, step: 0.05}\nstrategy.scalp.min_confidence: [0.5, 0.6]\n', 'grid.yaml');

async function sampleDb(dir: string, name: string, sessions = 15): Promise<Database> {
  const db = await openDatabase(join(dir, name));
  const store = await BarStore.fromDatabase(db);
  await store.insertBars('SPY', '1m', 'synthetic', syntheticMinuteBars({ sessions, seed: 3 }), 'keep');
  return db;
}

const newSweep = (sweepId: string, extra: Partial<NewSweep> = {}): NewSweep => ({ sweepId, base: stock(), grid: GRID, symbol: 'SPY', objective: 'sharpe', minTrades: 0, ...extra });
let clock = 0;
const options = (db: Database, extra: Partial<SweepRunOptions> = {}): SweepRunOptions => ({ db, workers: 2, codeVersion: 'test', now: () => ++clock, ...extra });

describe('sweeps on worker threads', () => {
  const dir = tempDir();

  it('stores every variant with the statistics a single optbot backtest of its settings gives', async () => {
    const db = await sampleDb(dir, 'parity.duckdb');
    const outcome = await startSweep(newSweep('sw-parity'), options(db));
    expect(outcome).toMatchObject({ variants: 6, jobs: 6, ran: 6, skipped: 0, interrupted: false });
    const store = await SweepStore.open(db);
    const results = await store.results('sw-parity', 'all');
    expect(results.map((r) => r.variant)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(new Set(results.map((r) => r.figures.finalEquity)).size).toBeGreaterThan(1); // the settings matter
    for (const r of results) {
      const settings = (await store.settingsOf('sw-parity', r.variant))!;
      expect(settings.risk.stop_loss_pct).toBe(r.overrides['risk.stop_loss_pct']);
      const single = await backtestStored({ db, settings, symbol: 'SPY', runId: `single-${r.variant}`, codeVersion: 'test', now: () => ++clock });
      expect(single.statistics.trades).toBeGreaterThan(0);
      expect(r.figures).toEqual(figuresOf(single.statistics));
      expect(r.bars).toBe(single.bars);
    }
    // One worker or two: the same figures.
    await startSweep(newSweep('sw-one'), options(db, { workers: 1 }));
    expect((await store.results('sw-one', 'all')).map((r) => r.figures)).toEqual(results.map((r) => r.figures));
    db.close();
  });

  it('an interrupted sweep keeps its finished variants, and --resume completes it with identical results', async () => {
    const db = await sampleDb(dir, 'resume.duckdb');
    const controller = new AbortController();
    const first = await startSweep(
      newSweep('sw-cut'),
      options(db, { workers: 1, signal: controller.signal, onProgress: (done) => done >= 2 && controller.abort() }),
    );
    expect(first.interrupted).toBe(true);
    const store = await SweepStore.open(db);
    const kept = await store.results('sw-cut', 'all');
    expect(kept.length).toBeGreaterThanOrEqual(2);
    expect(kept.length).toBeLessThan(6);

    const second = await resumeSweep('sw-cut', options(db));
    expect(second).toMatchObject({ interrupted: false, skipped: kept.length, ran: 6 - kept.length });
    await startSweep(newSweep('sw-whole'), options(db));
    const resumed = await store.results('sw-cut', 'all');
    const whole = await store.results('sw-whole', 'all');
    expect(resumed.map((r) => [r.variant, r.figures])).toEqual(whole.map((r) => [r.variant, r.figures]));
    // The kept rows were not rerun.
    for (const k of kept) expect(resumed.find((r) => r.variant === k.variant)!.finishedAt).toBe(k.finishedAt);
    expect((await store.summary('sw-cut'))!.done).toBe(6);
    await expect(resumeSweep('sw-none', options(db))).rejects.toThrow('no sweep sw-none');
    db.close();
  });

  it('ranks by the objective with a minimum of trades; ties and undefined objectives are deterministic', async () => {
    const db = await sampleDb(dir, 'rank.duckdb', 5);
    await startSweep(newSweep('sw-rank', { objective: 'pnl', random: 4, seed: 5 }), options(db));
    const store = await SweepStore.open(db);
    const results = await store.results('sw-rank', 'all');
    expect(results).toHaveLength(4);
    const ranked = rank(results, (r) => r.figures, 'pnl', 0);
    const pnl = ranked.map((r) => r.score);
    expect(pnl).toEqual([...pnl].sort((a, b) => b - a));
    expect(rank(results, (r) => r.figures, 'pnl', 1_000_000)).toEqual([]);
    db.close();
  });

  it('option mode, fixed or VIX-priced: the same statistics as single backtests too', async () => {
    const db = await sampleDb(dir, 'options.duckdb', 6);
    const sessions = sessionsBetween('2025-12-10', '2025-12-31');
    const ts = Float64Array.from(sessions, (x) => x.open);
    const vix = Float64Array.from(sessions, (_, i) => 18 + 3 * (i % 4));
    await (await BarStore.fromDatabase(db)).insertBars('VIX', '1d', 'test', { ts, open: vix, high: vix, low: vix, close: vix, volume: new Float64Array(ts.length), length: ts.length }, 'keep');
    const base = defaultSettings();
    base.logging.file = '';
    const grid = parseGrid('backtest.pricing.iv_source: [fixed, vix]\nrisk.take_profit_pct: [0.2, 0.4]\n', 'options.yaml');
    await startSweep({ sweepId: 'sw-options', base, grid, symbol: 'SPY', objective: 'sharpe', minTrades: 0 }, options(db));
    const store = await SweepStore.open(db);
    const results = await store.results('sw-options', 'all');
    expect(results).toHaveLength(4);
    for (const r of results) {
      const settings = (await store.settingsOf('sw-options', r.variant))!;
      const single = await backtestStored({ db, settings, symbol: 'SPY', runId: `option-${r.variant}`, codeVersion: 'test', now: () => ++clock });
      expect(single.statistics.trades).toBeGreaterThan(0);
      expect(r.figures).toEqual(figuresOf(single.statistics));
    }
    expect(results[0]!.figures).not.toEqual(results[2]!.figures); // VIX pricing changed the outcome
    db.close();
  });
});
