import type { Settings } from '../config/schema.js';
import type { BarSize } from '../core/bar.js';
import { barClosesSeries, type IvSeries } from '../options/iv-source.js';

/**
 * A volatility index's stored closes (VIX, VIX1D…), read once (./load-vol-table.ts) and handed to
 * every worker. This file is what workers import: it keeps DuckDB out of their start-up.
 */
export interface VolCloses {
  barSize: BarSize;
  ts: Float64Array;
  close: Float64Array;
}

/** Volatility closes by "SYMBOL:bar_size". */
export type VolTable = Record<string, VolCloses>;

export const needsVix = (s: Settings): boolean => s.backtest.instrument === 'option' && s.backtest.pricing.iv_source === 'vix';
export const volKeyOf = (s: Settings): string => `${s.backtest.pricing.vix.symbol}:${s.backtest.pricing.vix.bar_size}`;

/** The volatility series a variant's option pricing reads, or undefined when it reads none. */
export function vixSeriesFor(settings: Settings, table: VolTable): IvSeries | undefined {
  if (!needsVix(settings)) return undefined;
  const closes = table[volKeyOf(settings)];
  if (!closes) throw new Error(`no ${volKeyOf(settings)} closes were loaded for this variant`);
  return barClosesSeries(closes.ts, closes.close, closes.barSize);
}
