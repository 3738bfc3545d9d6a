import { createHash } from 'node:crypto';
import type { BarColumns } from '../core/bar.js';

/**
 * sha256 of bars [from, from + count): their exact float64 bytes, column by column (ts, open,
 * high, low, close, volume). A journal that refers to stored bars keeps this digest, and the
 * reader recomputes it from the store to prove it is showing the bars the run saw.
 */
export function barsDigest(bars: BarColumns, from = 0, count = bars.length - from): string {
  const h = createHash('sha256');
  h.update(`${count}\n`);
  for (const col of [bars.ts, bars.open, bars.high, bars.low, bars.close, bars.volume]) {
    h.update(new Uint8Array(col.buffer, col.byteOffset + from * 8, count * 8));
  }
  return h.digest('hex');
}
