import { ceilToTick, floorToTick } from '../../src/core/money.js';
import type { OptionContract } from '../../src/core/option-contract.js';
import type { Instrument } from '../../src/core/order.js';
import type { EpochMs } from '../../src/core/time.js';
import type { Direction, EntryQuote, MarketView } from '../../src/engine/market-view.js';
import { orderBarPoints, type PricePath, type PricePathSource } from '../../src/venues/sim/price-path.js';

/**
 * A hand-computable option market for scenario tests: one call and one put whose mid moves
 * `delta` dollars per dollar of the underlying from `mid0` at `s0`, with a fixed half-spread.
 * Quotes are on the $0.01 grid, as real ones are. Scenarios can then state their exact expected
 * fills; Black–Scholes is tested elsewhere.
 */
export class LinearOptionMarket implements MarketView, PricePathSource {
  private readonly bar = new Float64Array(4);
  private barTs = NaN;

  constructor(
    readonly call: OptionContract,
    readonly put: OptionContract,
    private readonly p: { s0: number; mid0: number; delta: number; halfSpread: number },
  ) {}

  mid(right: 'C' | 'P', s: number): number {
    const d = right === 'C' ? this.p.delta : -this.p.delta;
    return Math.max(0.05, this.p.mid0 + d * (s - this.p.s0));
  }

  entryQuote(_symbol: string, direction: Direction, ts: EpochMs, s: number): EntryQuote {
    const contract = direction === 'BUY' ? this.call : this.put;
    const mid = this.mid(contract.right, s);
    return { ok: true, instrument: { kind: 'option', contract }, quote: { ts, bid: this.bid(mid), ask: this.ask(mid), last: mid, bidSize: 10, askSize: 10, volume: 100, delayed: false } };
  }

  mark(instrument: Instrument, _ts: EpochMs, s: number): number {
    return instrument.kind === 'option' ? this.mid(instrument.contract.right, s) : s;
  }

  private bid(mid: number): number {
    return floorToTick(mid - this.p.halfSpread, 0.01);
  }

  private ask(mid: number): number {
    return ceilToTick(mid + this.p.halfSpread, 0.01);
  }

  setBar(_symbol: string, ts: EpochMs, open: number, high: number, low: number, close: number): void {
    this.barTs = ts;
    orderBarPoints(open, high, low, close, this.bar);
  }

  path(key: string, barStart: EpochMs, out: PricePath): boolean {
    if (barStart !== this.barTs) return false;
    const right = key.endsWith('C') ? 'C' : 'P';
    for (let k = 0; k < 4; k++) {
      const mid = this.mid(right, this.bar[k]!);
      out.bid[k] = this.bid(mid);
      out.ask[k] = this.ask(mid);
    }
    return true;
  }
}
