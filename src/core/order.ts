import type { OptionContract } from './option-contract.js';
import type { EpochMs } from './time.js';

/** What is traded: an option contract, or the underlying's shares in stock mode. */
export type Instrument = { kind: 'option'; contract: OptionContract } | { kind: 'stock'; symbol: string };

/** The symbol an instrument trades on: an option's underlying, or the stock itself. */
export const underlyingOf = (i: Instrument): string => (i.kind === 'option' ? i.contract.underlying : i.symbol);

export type Side = 'BUY' | 'SELL';
export type OrderType = 'LMT' | 'STP' | 'MKT';

/** An approved trade before it becomes orders: what execution turns into a bracket. */
export interface OrderIntent {
  /** Stable id of the decision, carried to IB as orderRef so orders are recognisable after a restart. */
  intentId: string;
  ts: EpochMs;
  instrument: Instrument;
  quantity: number;
  /** Parent limit price. */
  entryLimit: number;
  takeProfit: number;
  stopLoss: number;
  reason: string;
}

export type OrderRole = 'entry' | 'take-profit' | 'stop-loss' | 'exit';

export type OrderStatus = 'pending' | 'working' | 'filled' | 'cancelled' | 'rejected';

export interface Order {
  orderId: string;
  intentId: string;
  role: OrderRole;
  instrument: Instrument;
  side: Side;
  type: OrderType;
  quantity: number;
  /** Limit price for LMT, trigger for STP; NaN for MKT. */
  price: number;
  /** Children of one bracket share an OCO group: one filling cancels the other. */
  ocoGroup?: string;
  parentId?: string;
  status: OrderStatus;
}

export interface Fill {
  orderId: string;
  ts: EpochMs;
  quantity: number;
  /** Per share or per option (not per contract): multiply by the multiplier for dollars. */
  price: number;
  fees: number;
}
