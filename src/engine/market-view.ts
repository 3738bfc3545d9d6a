import type { Instrument } from '../core/order.js';
import type { Quote } from '../core/quote.js';
import type { EpochMs } from '../core/time.js';

/** BUY → long call (or long shares), SELL → long put (or short shares). */
export type Direction = 'BUY' | 'SELL';

export type EntryQuote =
  | { ok: true; instrument: Instrument; quote: Quote }
  /** Why nothing can be traded now, e.g. "spread 14 % > 10 %": journalled as a rejected entry. */
  | { ok: false; reason: string };

/**
 * The core's synchronous window on prices. Backtests answer from models (synthetic option
 * chains, the underlying's bars); live answers from snapshots the run loop fetched before the
 * cycle. Either way the core asks the same questions.
 */
export interface MarketView {
  /** The instrument to trade for a signal at `ts`, with its quote, or why none qualifies. */
  entryQuote(symbol: string, direction: Direction, ts: EpochMs, underlyingPrice: number): EntryQuote;
  /** The mark (mid, or last for stock) of a held instrument at `ts`. */
  mark(instrument: Instrument, ts: EpochMs, underlyingPrice: number): number;
}
