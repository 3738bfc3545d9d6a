import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { BarColumns } from '../../src/core/bar.js';
import type { TradingDate } from '../../src/core/time.js';
import { sharedFile } from '../support/shared-data.js';

/** The real year of regular-hours 1-minute SPY bars (2024-03-26 → 2025-04-02, 99,264 bars). */
export const SPY_YEAR_FILE = 'spy_1min_2024-03-26_2025-04-02.csv.gz';

export interface MinuteSeries extends BarColumns {
  /** Trading date of each bar (the local date of its America/New_York stamp). */
  date: TradingDate[];
}

/** Reads a shared `ts,open,high,low,close,volume` file (gzipped or not) into columns. */
export function readMinuteBars(name: string): MinuteSeries {
  const raw = readFileSync(sharedFile(name));
  const text = (name.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  const lines = text.split('\n').filter((l) => l.length > 0);
  const n = lines.length - 1;
  const cols = { ts: new Float64Array(n), open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n) };
  const date: TradingDate[] = new Array<TradingDate>(n);
  for (let i = 0; i < n; i++) {
    const f = lines[i + 1]!.split(',');
    if (f.length !== 6) throw new Error(`${name}:${i + 2}: expected 6 fields, got ${f.length}`);
    cols.ts[i] = Date.parse(f[0]!);
    date[i] = f[0]!.slice(0, 10);
    cols.open[i] = Number(f[1]);
    cols.high[i] = Number(f[2]);
    cols.low[i] = Number(f[3]);
    cols.close[i] = Number(f[4]);
    cols.volume[i] = Number(f[5]);
  }
  return { ...cols, length: n, date };
}
