import type { Settings } from '../config/schema.js';
import type { BarSize } from '../core/bar.js';
import type { EpochMs } from '../core/time.js';
import type { Database } from '../duckdb/database.js';
import { readVixBars } from '../backtest/vix-bars.js';
import { barClosesSeries, type IvSeries } from '../options/iv-source.js';
import { BarStore } from '../venues/history/bar-store.js';

/** A volatility index's stored closes (VIX, VIX1D…), read once and handed to every worker. */
export interface VolCloses {
  barSize: BarSize;
  ts: Float64Array;
  close: Float64Array;
}

/** Volatility closes by "SYMBOL:bar_size". */
export type VolTable = Record<string, VolCloses>;

const needsVix = (s: Settings): boolean => s.backtest.instrument === 'option' && s.backtest.pricing.iv_source === 'vix';
const keyOf = (s: Settings): string => `${s.backtest.pricing.vix.symbol}:${s.backtest.pricing.vix.bar_size}`;

/**
 * The stored closes of every volatility series the variants price options with (iv_source "vix"),
 * from a week before the range as `optbot backtest` reads them (yesterday's close is known today).
 */
export async function loadVolTable(db: Database, variants: readonly Settings[], from: EpochMs, to: EpochMs): Promise<VolTable> {
  const wanted = new Map(variants.filter(needsVix).map((s) => [keyOf(s), s.backtest.pricing.vix] as const));
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

/** The volatility series a variant's option pricing reads, or undefined when it reads none. */
export function vixSeriesFor(settings: Settings, table: VolTable): IvSeries | undefined {
  if (!needsVix(settings)) return undefined;
  const closes = table[keyOf(settings)];
  if (!closes) throw new Error(`no ${keyOf(settings)} closes were loaded for this variant`);
  return barClosesSeries(closes.ts, closes.close, closes.barSize);
}
