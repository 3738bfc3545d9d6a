import type { Order } from '../core/order.js';
import type { EpochMs } from '../core/time.js';

/** What the core asks a venue's broker to do, in the imperative. */
export type Command = SubmitBracket | Cancel | Flatten;

/**
 * A parent entry and two children in one OCO group. The children become active once the
 * parent fills; when one child fills the venue (or the core's OCO emulation) cancels the other.
 */
export interface SubmitBracket {
  type: 'SubmitBracket';
  ts: EpochMs;
  intentId: string;
  parent: Order;
  takeProfit: Order;
  stopLoss: Order;
  /** Cancel the parent if still unfilled at this time (null: good for the day). */
  cancelParentAt: EpochMs | null;
}

export interface Cancel {
  type: 'Cancel';
  ts: EpochMs;
  orderId: string;
  reason: string;
}

/** Close the whole position of an intent now, at market; its working children are cancelled first. */
export interface Flatten {
  type: 'Flatten';
  ts: EpochMs;
  intentId: string;
  /** The exit order to use (role 'exit', MKT). */
  order: Order;
  reason: ExitReason;
}

/** Why a round trip ended: shown in the trade table and used by statistics. */
export type ExitReason = 'take-profit' | 'stop-loss' | 'flatten' | 'expiry' | 'guard' | 'session-end';
