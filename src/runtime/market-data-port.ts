import type { Bar } from '../core/bar.js';
import type { OptionContract } from '../core/option-contract.js';
import type { Quote } from '../core/quote.js';
import type { EpochMs } from '../core/time.js';
import type { ChainOutcome, ClosedBarsOptions, OptionChainParams, PickOptions, QuotedOption } from '../venues/ib/ib-market-data.js';

export type { ChainOutcome, ClosedBarsOptions, OptionChainParams, PickOptions, QuotedOption };

/**
 * Where the run loop gets market data, whichever venue serves it: IB Gateway live
 * (`IbMarketData`), DuckDB in a rehearsal (`ReplayFeed`). Asynchronous: the loop prefetches what
 * a cycle needs, so the core's `MarketView` stays synchronous.
 */
export interface MarketDataPort {
  /** 1-minute bars of `symbol` that had closed by `asOf` (bar start + 1 min ≤ asOf), oldest first. */
  closedBars(symbol: string, asOf: EpochMs, opts?: ClosedBarsOptions): Promise<Bar[]>;
  /** A snapshot of a symbol or an option; null when there is no price at all. */
  quote(target: string | OptionContract): Promise<Quote | null>;
  /** The option step of a cycle: quoted candidates, or `{ kind: 'skip', reason }`. */
  optionCandidates(symbol: string, pick: PickOptions): Promise<ChainOutcome>;
}
