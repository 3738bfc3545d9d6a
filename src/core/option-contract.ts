import type { TradingDate } from './time.js';

export type OptionRight = 'C' | 'P';

/** A listed equity option. Long only: BUY signals buy calls, SELL signals buy puts; the bot never writes options. */
export interface OptionContract {
  underlying: string;
  /** Last trading day, "YYYY-MM-DD"; SPY options expire at that session's close. */
  expiry: TradingDate;
  strike: number;
  right: OptionRight;
  /** Shares per contract: 100 for SPY. */
  multiplier: number;
  /** IB's contract id when known (live), absent for synthetic chains. */
  conId?: number;
}

/** OCC-style readable id, e.g. "SPY 2024-04-05 520C": stable across modes, used as the journal key. */
export const contractId = (c: OptionContract): string => `${c.underlying} ${c.expiry} ${c.strike}${c.right}`;
