import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { BarColumns } from '../../src/core/bar.js';

/** Reads a shared-data bar CSV (`ts,open,high,low,close,volume`, ISO ts with offset; .gz or plain) into columns. */
export function readBarsCsv(path: string): BarColumns {
  const raw = readFileSync(path);
  const lines = (path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8').trim().split('\n');
  const n = lines.length - 1;
  const c: BarColumns = { ts: new Float64Array(n), open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n), length: n };
  for (let i = 0; i < n; i++) {
    const f = lines[i + 1]!.split(',');
    const ts = Date.parse(f[0]!);
    if (Number.isNaN(ts) || f.length !== 6) throw new Error(`${path}:${i + 2}: not a bar row: ${lines[i + 1]}`);
    c.ts[i] = ts;
    c.open[i] = Number(f[1]);
    c.high[i] = Number(f[2]);
    c.low[i] = Number(f[3]);
    c.close[i] = Number(f[4]);
    c.volume[i] = Number(f[5]);
  }
  return c;
}

/**
 * Deterministic synthetic regular-hours 1-minute bars (weekdays × 390 from 2024-01-02; a year by default),
 * for unit tests and for the benchmark when the shared data is absent. Times ignore DST (14:30 UTC opens).
 */
export function syntheticBars(sessions = 252): BarColumns {
  const days: number[] = [];
  for (let d = Date.UTC(2024, 0, 2); days.length < sessions; d += 86_400_000) if (new Date(d).getUTCDay() % 6 !== 0) days.push(d);
  const n = days.length * 390;
  const c: BarColumns = { ts: new Float64Array(n), open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n), length: n };
  let seed = 0x2545f491;
  const noise = (): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32 - 0.5;
  };
  let price = 480;
  for (let i = 0; i < n; i++) {
    const open = price;
    price = Math.round((price + noise() * 0.5) * 100) / 100;
    c.ts[i] = days[Math.floor(i / 390)]! + 14.5 * 3_600_000 + (i % 390) * 60_000;
    c.open[i] = open;
    c.close[i] = price;
    c.high[i] = Math.max(open, price) + Math.round(Math.abs(noise()) * 10) / 100;
    c.low[i] = Math.min(open, price) - Math.round(Math.abs(noise()) * 10) / 100;
    c.volume[i] = 100_000 + Math.round(noise() * 50_000);
  }
  return c;
}
