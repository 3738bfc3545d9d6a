import type { EpochMs } from '../../src/core/time.js';
import { PATH_POINTS, type PricePath, type PricePathSource } from '../../src/venues/sim/price-path.js';

type Points = readonly [number, number, number, number];

/** Hand-written bar paths for tests: exactly the four bid/ask points a scenario needs, per instrument and bar. */
export class ScriptedPathSource implements PricePathSource {
  private readonly paths = new Map<string, { bid: Points; ask: Points }>();

  /** The path of `key` over the bar starting at `barStart`: bids in time order, asks = bids + `spread` (exact decimals). */
  set(key: string, barStart: EpochMs, bid: Points, spread: number): this {
    const ask = bid.map((b) => Number((b + spread).toFixed(10))) as unknown as Points;
    this.paths.set(`${key}@${barStart}`, { bid, ask });
    return this;
  }

  path(key: string, barStart: EpochMs, out: PricePath): boolean {
    const p = this.paths.get(`${key}@${barStart}`);
    if (p === undefined) return false;
    for (let k = 0; k < PATH_POINTS; k++) {
      out.bid[k] = p.bid[k]!;
      out.ask[k] = p.ask[k]!;
    }
    return true;
  }
}
