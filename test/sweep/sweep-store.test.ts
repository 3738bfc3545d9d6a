import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/config/schema.js';
import { openDatabase } from '../../src/duckdb/database.js';
import { computeStatistics } from '../../src/stats/statistics.js';
import { figuresOf } from '../../src/sweep/figures.js';
import { SweepStore, type ResultToStore } from '../../src/sweep/sweep-store.js';
import { tempDir } from '../support/tmp.js';

const one = (x: number) => new Float64Array([x]);
/** Figures of a run without trades: NaN Sharpe, win rate… */
const noTrades = figuresOf(
  computeStatistics([], { ts: one(Date.UTC(2025, 0, 2, 15)), equity: one(1e5), cash: one(1e5), realized: one(0), unrealized: one(0), openPositions: one(0), length: 1 }, 1e5),
);

const result = (variant: number, segment: string, runMs: number): ResultToStore => ({
  variant,
  segment,
  overrides: { 'risk.stop_loss_pct': 0.05 * (variant + 1) },
  settings: defaultSettings(),
  figures: { ...noTrades, profitFactor: Infinity, sortino: -Infinity, finalEquity: 1e5 + variant },
  bars: 390,
  runMs,
  finishedAt: 1_700_000_000_000 + variant,
});

describe('sweep results in DuckDB', () => {
  const dir = tempDir();

  it('appends new results and reads them back exactly, NaN and ±Infinity included; put replaces', async () => {
    const db = await openDatabase(join(dir, 'store.duckdb'));
    const store = await SweepStore.open(db);
    const [b, a, t] = [result(1, 'all', 5.5), result(0, 'all', 7), result(0, 'test-0', 1)];
    const fresh = [b, a, t];
    await store.append('s', fresh);
    expect(Number.isNaN(noTrades.sharpe)).toBe(true);
    const strip = ({ settings: _settings, ...r }: ResultToStore) => r;
    expect(await store.results('s')).toEqual([a, t, b].map(strip));
    expect(await store.settingsOf('s', 1)).toEqual(defaultSettings());
    await expect(store.append('s', [result(1, 'all', 9)])).rejects.toThrow(/constraint|duplicate/i);
    const redone = result(0, 'test-0', 2);
    await store.put('s', [redone]);
    expect(await store.results('s', 'test-0')).toEqual([strip(redone)]);
    db.close();
  });
});
