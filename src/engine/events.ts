import type { Bar } from '../core/bar.js';
import type { Quote } from '../core/quote.js';
import type { EpochMs } from '../core/time.js';

/**
 * What a venue tells the core, in the past tense. Every mode feeds the same events in time
 * order; the core answers each with commands and never reads a clock of its own.
 */
export type EngineEvent = BarClosed | TimerTicked | QuoteUpdated | OrderAccepted | OrderFilled | OrderCancelled | OrderRejected;

/** A 1-minute bar of the underlying has closed (at bar.ts + 60 s). */
export interface BarClosed {
  type: 'BarClosed';
  symbol: string;
  bar: Bar;
}

/** Time has reached `ts`: cycles, flatten times and order timeouts are decided on ticks. */
export interface TimerTicked {
  type: 'TimerTicked';
  ts: EpochMs;
}

/** A fresh quote of a traded instrument (marks open positions between bars). */
export interface QuoteUpdated {
  type: 'QuoteUpdated';
  ts: EpochMs;
  /** `instrumentKey()` of the instrument. */
  key: string;
  quote: Quote;
}

export interface OrderAccepted {
  type: 'OrderAccepted';
  ts: EpochMs;
  orderId: string;
}

export interface OrderFilled {
  type: 'OrderFilled';
  ts: EpochMs;
  orderId: string;
  quantity: number;
  /** Per share / per option, after slippage. */
  price: number;
  fees: number;
}

export interface OrderCancelled {
  type: 'OrderCancelled';
  ts: EpochMs;
  orderId: string;
  reason: string;
}

export interface OrderRejected {
  type: 'OrderRejected';
  ts: EpochMs;
  orderId: string;
  reason: string;
}
