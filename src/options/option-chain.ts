import type { OptionRight } from '../core/option-contract.js';
import type { Quote } from '../core/quote.js';
import type { TradingDate } from '../core/time.js';

/**
 * The option chain of one underlying at one moment, as contract selection sees it. A live chain
 * (IB's expiries and strikes, with the quotes the run loop fetched before the cycle) and a
 * synthetic one (the backtest's model) implement the same interface, so the same selection code
 * decides in every mode.
 */
export interface OptionChain {
  readonly underlying: string;
  /** Shares per contract: 100 for SPY. */
  readonly multiplier: number;
  /**
   * Whether quote volumes are real. Synthetic chains have none: `options.min_volume` is then
   * not applied (settings: backtest.pricing.synthetic_volume).
   */
  readonly hasVolume: boolean;
  /** Listed expiries that have not expired yet, ascending. */
  expiries(): readonly TradingDate[];
  /** Listed strikes of an expiry, ascending; empty for an expiry the chain does not list. */
  strikes(expiry: TradingDate): readonly number[];
  /** The contract's quote, or undefined when the chain has none for it (live: not fetched). */
  quote(expiry: TradingDate, strike: number, right: OptionRight): Quote | undefined;
}
