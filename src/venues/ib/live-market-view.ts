import type { Instrument } from '../../core/order.js';
import type { EpochMs } from '../../core/time.js';
import type { Direction, EntryQuote, MarketView } from '../../engine/market-view.js';

/**
 * The live market view: the mode's own view (options from the live chain, or stock), with entries
 * refused while something says the bot must not open positions: reconciliation found orders or
 * positions that are not the bot's, or the cycle's bars could not be fetched. The refusal reaches
 * the journal as a rejected entry with its reason, like every risk decision.
 */
export class GatedMarketView implements MarketView {
  constructor(
    private readonly inner: MarketView,
    /** Why entries are refused at `ts`, or null. */
    private readonly blocked: (ts: EpochMs) => string | null,
  ) {}

  entryQuote(symbol: string, direction: Direction, ts: EpochMs, underlyingPrice: number): EntryQuote {
    const why = this.blocked(ts);
    return why === null ? this.inner.entryQuote(symbol, direction, ts, underlyingPrice) : { ok: false, reason: why };
  }

  mark(instrument: Instrument, ts: EpochMs, underlyingPrice: number): number {
    return this.inner.mark(instrument, ts, underlyingPrice);
  }
}
