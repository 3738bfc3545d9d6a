import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { sharedFile } from '../support/shared-data.js';

/** Bar-start stamps (epoch ms) of one shared intraday file, grouped by the ET date in `ts`, in file order. */
export function stampsByDate(name: string): Map<string, number[]> {
  const raw = readFileSync(sharedFile(name));
  const text = (name.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  const lines = text.split('\n');
  if (!lines[0]?.startsWith('ts,')) throw new Error(`${name}: expected a "ts" column first, got ${lines[0]}`);
  const byDate = new Map<string, number[]>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const ts = line.slice(0, line.indexOf(','));
    const t = Date.parse(ts);
    if (Number.isNaN(t)) throw new Error(`${name}:${i + 1}: bad ts ${ts}`);
    const date = ts.slice(0, 10);
    let list = byDate.get(date);
    if (!list) byDate.set(date, (list = []));
    list.push(t);
  }
  return byDate;
}

/** The dates in the first column of a shared daily file. */
export function dailyDates(name: string): string[] {
  return readFileSync(sharedFile(name), 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l !== '')
    .map((l) => l.slice(0, 10));
}
