import type { Settings } from '../config/schema.js';
import type { EpochMs } from '../core/time.js';
import type { Database } from '../duckdb/database.js';
import { readVixBars } from '../backtest/vix-bars.js';
import { BarStore } from '../venues/history/bar-store.js';
import { needsVix, volKeyOf, type VolTable } from './vol-series.js';

/**
 * The stored closes of every volatility series the variants price options with (iv_source "vix"),
 * from a week before the range as `optbot backtest` reads them (yesterday's close is known today).
 */
export async function loadVolTable(db: Database, variants: readonly Settings[], from: EpochMs, to: EpochMs): Promise<VolTable> {
  const wanted = new Map(variants.filter(needsVix).map((s) => [volKeyOf(s), s.backtest.pricing.vix] as const));
  const table: VolTable = {};
  if (wanted.size === 0) return table;
  const store = await BarStore.fromDatabase(db);
  try {
    for (const [key, vix] of wanted) {
      const bars = await readVixBars(store, vix, from, to);
      table[key] = { barSize: vix.bar_size, ts: bars.ts, close: bars.close };
    }
  } finally {
    store.close();
  }
  return table;
}
