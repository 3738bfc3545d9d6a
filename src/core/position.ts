import type { Instrument } from './order.js';
import type { EpochMs } from './time.js';

/** An open long position. Quantity in contracts (options) or shares (stock). */
export interface Position {
  intentId: string;
  instrument: Instrument;
  quantity: number;
  entryPrice: number;
  entryTs: EpochMs;
  /** Fees paid on entry, carried to the round trip's P&L. */
  entryFees: number;
}

/** Dollars per unit of price: 100 for an SPY option, 1 for a share. */
export const multiplierOf = (i: Instrument): number => (i.kind === 'option' ? i.contract.multiplier : 1);
