import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backtestStored } from '../../src/backtest/backtest-run.js';
import { sessionsBetween, tradingDateOf } from '../../src/calendar/index.js';
import { defaultSettings, type Settings } from '../../src/config/schema.js';
import { openDatabase, type Database } from '../../src/duckdb/database.js';
import { figuresOf } from '../../src/sweep/figures.js';
import { parseGrid } from '../../src/sweep/grid.js';
import { rank } from '../../src/sweep/objective.js';
import { startSweep } from '../../src/sweep/run-sweep.js';
import { SweepStore } from '../../src/sweep/sweep-store.js';
import { parseWalkForward, walkForwardWindows } from '../../src/sweep/walk-forward.js';
import { BarStore } from '../../src/venues/history/bar-store.js';
import { syntheticMinuteBars } from '../../src/venues/history/synthetic-sample.js';
import { tempDir } from '../support/tmp.js';

const stock = (): Settings => {
  const s = defaultSettings();
  s.backtest.instrument = 'stock';
  s.logging.file = '';
  return s;
};

describe('walk-forward windows', () => {
  it('parses the spec; step defaults to test', () => {
    expect(parseWalkForward('train=60,test=20,step=20')).toEqual({ train: 60, test: 20, step: 20 });
    expect(parseWalkForward('test=5, train=10')).toEqual({ train: 10, test: 5, step: 5 });
    for (const bad of ['train=60', 'train=0,test=5', 'train=6,test=2,train=3', 'train=a,test=1', 'window=3,test=1,train=2']) {
      expect(() => parseWalkForward(bad)).toThrow(/--walk-forward/);
    }
  });

  it('a training span always ends before its test span starts, and test spans tile the range', () => {
    const sessions = sessionsBetween('2024-01-02', '2024-12-31');
    for (const spec of [{ train: 60, test: 20, step: 20 }, { train: 30, test: 10, step: 25 }, { train: 5, test: 1, step: 1 }]) {
      const windows = walkForwardWindows(sessions, spec);
      expect(windows.length).toBe(Math.floor((sessions.length - spec.train - spec.test) / spec.step) + 1);
      for (const w of windows) {
        expect(w.train.end - w.train.first).toBe(spec.train);
        expect(w.test.end - w.test.first).toBe(spec.test);
        expect(w.train.end).toBe(w.test.first);
        expect(w.train.to < w.test.from).toBe(true);
        expect(sessions[w.train.end - 1]!.close).toBeLessThanOrEqual(sessions[w.test.first]!.open);
      }
      for (let k = 1; k < windows.length; k++) expect(windows[k]!.test.first - windows[k - 1]!.test.first).toBe(spec.step);
    }
    expect(() => walkForwardWindows(sessions.slice(0, 10), { train: 8, test: 3, step: 3 })).toThrow('needs at least train + test = 11 sessions');
  });
});

describe('walk-forward sweep', () => {
  const dir = tempDir();
  const grid = parseGrid('risk.stop_loss_pct: [0.05, 0.1, 0.2]\nstrategy.scalp.rsi_buy_max: [65, 75]\n', 'grid.yaml');
  const bars = syntheticMinuteBars({ sessions: 12, seed: 11 });
  let clock = 0;

  async function run(name: string, perturbFrom?: number): Promise<{ db: Database; store: SweepStore }> {
    const db = await openDatabase(join(dir, `${name}.duckdb`));
    const copy = { ...bars, close: bars.close.slice(), high: bars.high.slice(), low: bars.low.slice() };
    // Change every bar from `perturbFrom` on: prices drift up by 0.3 % a bar.
    if (perturbFrom !== undefined) {
      for (let i = 0; i < copy.length; i++) {
        if (copy.ts[i]! < perturbFrom) continue;
        const k = 1 + 0.003 * ((i % 7) - 3);
        copy.close[i] = Math.round(copy.close[i]! * k * 100) / 100;
        copy.high[i] = Math.max(copy.high[i]!, copy.close[i]!, copy.open[i]!);
        copy.low[i] = Math.min(copy.low[i]!, copy.close[i]!, copy.open[i]!);
      }
    }
    await (await BarStore.fromDatabase(db)).insertBars('SPY', '1m', 'synthetic', copy, 'keep');
    await startSweep(
      { sweepId: name, base: stock(), grid, symbol: 'SPY', objective: 'pnl', minTrades: 1, walkForward: { train: 6, test: 3, step: 3 } },
      { db, workers: 2, codeVersion: 'test', now: () => ++clock },
    );
    return { db, store: await SweepStore.open(db) };
  }

  it('chooses each window on its training sessions only, runs it on the test sessions, and stitches them', async () => {
    const { db, store } = await run('wf');
    const wf = (await store.walkForward('wf'))!;
    const sessions = sessionsBetween(tradingDateOf(bars.ts[0]!), tradingDateOf(bars.ts[bars.length - 1]!));
    expect(wf.windows.map((w) => [w.trainFrom, w.trainTo, w.testFrom, w.testTo])).toEqual([
      [sessions[0]!.date, sessions[5]!.date, sessions[6]!.date, sessions[8]!.date],
      [sessions[3]!.date, sessions[8]!.date, sessions[9]!.date, sessions[11]!.date],
    ]);
    const results = await store.results('wf');
    let trades = 0;
    let growth = 1;
    for (const w of wf.windows) {
      const train = results.filter((r) => r.segment === `train-${w.window}`);
      expect(train).toHaveLength(6);
      expect(w.variant).toBe(rank(train, (r) => r.figures, 'pnl', 1)[0]!.item.variant);
      // The training run is exactly `optbot backtest --from trainFrom --to trainTo` with the variant's settings.
      const chosen = train.find((r) => r.variant === w.variant)!;
      const settings = (await store.settingsOf('wf', w.variant!))!;
      const single = await backtestStored({ db, settings, symbol: 'SPY', from: w.trainFrom, to: w.trainTo, runId: `train-${w.window}`, codeVersion: 't', now: () => ++clock });
      expect(chosen.figures).toEqual(figuresOf(single.statistics));
      const test = results.find((r) => r.segment === `test-${w.window}`)!;
      expect(test.variant).toBe(w.variant);
      const testSingle = await backtestStored({ db, settings, symbol: 'SPY', from: w.testFrom, to: w.testTo, runId: `test-${w.window}`, codeVersion: 't', now: () => ++clock });
      expect(test.figures).toEqual(figuresOf(testSingle.statistics));
      trades += test.figures.trades;
      growth *= test.figures.finalEquity / test.figures.initialEquity;
    }
    expect(wf.summary.figures.trades).toBe(trades);
    // Compounded: each test window is scaled to the equity the windows before it ended with.
    expect(wf.summary.figures.finalEquity).toBeCloseTo(100_000 * growth, 6);
    expect(wf.summary.daily.map((d) => d.date)).toEqual(sessions.slice(6).map((s) => s.date));
    expect(wf.summary.daily.at(-1)!.equity).toBeCloseTo(wf.summary.figures.finalEquity, 6);
    db.close();
  });

  it('never lets a training window see its test sessions: changing them changes no choice of that window', async () => {
    const sessions = sessionsBetween(tradingDateOf(bars.ts[0]!), tradingDateOf(bars.ts[bars.length - 1]!));
    const base = await run('wf-base');
    const changed = await run('wf-changed', sessions[6]!.open); // window 0's test sessions onwards
    const [a, b] = [await base.store.results('wf-base'), await changed.store.results('wf-changed')];
    const segment = (rows: typeof a, s: string) => rows.filter((r) => r.segment === s).map((r) => r.figures);
    expect(segment(b, 'train-0')).toEqual(segment(a, 'train-0'));
    expect((await changed.store.walkForward('wf-changed'))!.windows[0]!.variant).toBe((await base.store.walkForward('wf-base'))!.windows[0]!.variant);
    // The change is real: the runs that do see those sessions differ.
    expect(segment(b, 'train-1')).not.toEqual(segment(a, 'train-1'));
    base.db.close();
    changed.db.close();
  });
});
