import type { EpochMs } from '../../core/time.js';
import { orderBarPoints, type PricePath, type PricePathSource } from './price-path.js';

/** The latest bar of one symbol, as the driver handed it over. */
interface StockBar {
  ts: EpochMs;
  open: number;
  high: number;
  low: number;
  close: number;
}

/**
 * Stock mode's prices: each symbol's own 1-minute bar, with bid = ask = the bar's path. There is
 * no modelled spread: the cost of crossing it is what `backtest.slippage_ticks` is for, so with
 * zero slippage a market order fills exactly at the next bar's open, as in other backtesters.
 * The driver calls `setBar` for each symbol before `SimBroker.onBar` of that bar.
 */
export class StockPathSource implements PricePathSource {
  private readonly bars = new Map<string, StockBar>();

  setBar(symbol: string, ts: EpochMs, open: number, high: number, low: number, close: number): void {
    const bar = this.bars.get(symbol);
    if (bar === undefined) {
      this.bars.set(symbol, { ts, open, high, low, close });
      return;
    }
    bar.ts = ts;
    bar.open = open;
    bar.high = high;
    bar.low = low;
    bar.close = close;
  }

  path(symbol: string, barStart: EpochMs, out: PricePath): boolean {
    const bar = this.bars.get(symbol);
    if (bar === undefined || bar.ts !== barStart) return false;
    orderBarPoints(bar.open, bar.high, bar.low, bar.close, out.bid);
    out.ask.set(out.bid);
    return true;
  }
}
