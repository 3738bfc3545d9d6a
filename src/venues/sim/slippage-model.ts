import { CENT } from '../../core/money.js';
import type { Side } from '../../core/order.js';

/** Moves a fill price against the trader. */
export interface SlippageModel {
  /** The price actually paid (BUY) or received (SELL, never below 0) when the market is at `price`. */
  adverse(side: Side, price: number): number;
}

/** `ticks` × $0.01 against the trader on every fill (`backtest.slippage_ticks`). */
export class TickSlippageModel implements SlippageModel {
  private readonly amount: number;

  constructor(ticks: number) {
    this.amount = ticks * CENT;
  }

  adverse(side: Side, price: number): number {
    return side === 'BUY' ? price + this.amount : Math.max(0, price - this.amount);
  }
}
