import { readFileSync } from 'node:fs';
import type { ChainSnapshot, QuotedOption } from '../../../src/options/calibration.js';

/**
 * Reads a yfinance option-chain CSV (columns unchanged: expiry, option_type, strike, bid, ask,
 * T, S, …) as a snapshot. T is Yahoo's days/365 from the snapshot date, which for a close
 * snapshot is exactly the ACT/365 time to the expiry close.
 */
export function readYfinanceChain(path: string): ChainSnapshot {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const header = lines[0]!.split(',');
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${path}: no "${name}" column`);
    return i;
  };
  const [expiry, type, strike, bid, ask, T, S] = ['expiry', 'option_type', 'strike', 'bid', 'ask', 'T', 'S'].map(col) as number[];
  let spot = Number.NaN;
  const options: QuotedOption[] = lines.slice(1).map((line, i) => {
    const f = line.split(',');
    if (f[type!] !== 'call' && f[type!] !== 'put') throw new Error(`${path}:${i + 2}: option_type "${f[type!]}" is neither call nor put`);
    spot = Number(f[S!]);
    return {
      expiry: f[expiry!]!,
      right: f[type!] === 'call' ? 'C' : 'P',
      strike: Number(f[strike!]),
      bid: Number(f[bid!] || 0),
      ask: Number(f[ask!] || 0),
      years: Number(f[T!]),
    };
  });
  return { spot, options };
}
