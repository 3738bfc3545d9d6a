import type { Instrument } from '../core/order.js';
import type { EpochMs } from '../core/time.js';
import type { Direction, EntryQuote, MarketView } from '../engine/market-view.js';

/**
 * Stock mode: the instrument is the symbol's shares, quoted at the last close with no spread
 * (crossing it is `backtest.slippage_ticks`' job), as other backtesters do.
 */
export class StockMarketView implements MarketView {
  entryQuote(symbol: string, _direction: Direction, ts: EpochMs, price: number): EntryQuote {
    if (!(price > 0)) return { ok: false, reason: `no price for ${symbol}` };
    return {
      ok: true,
      instrument: { kind: 'stock', symbol },
      quote: { ts, bid: price, ask: price, last: price, bidSize: NaN, askSize: NaN, volume: NaN, delayed: false },
    };
  }

  mark(_instrument: Instrument, _ts: EpochMs, price: number): number {
    return price;
  }
}
