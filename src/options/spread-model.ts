import { ceilToTick, roundToTick } from '../core/money.js';
import type { OptionRight } from '../core/option-contract.js';

/**
 * Bid and ask around a model mid. The half-spread grows with the option's time value and, much
 * faster, with its intrinsic value: in-the-money SPY options are quoted far wider than
 * out-of-the-money ones of the same price (see the calibration in the README).
 *
 *   half = base + per_time_value·(price − intrinsic) + per_intrinsic·intrinsic
 *
 * The spread is that doubled, on the tick grid, and at least one tick.
 */
export interface SpreadParams {
  base: number;
  perTimeValue: number;
  perIntrinsic: number;
  /** Quote increment: $0.01 for SPY options at every price. */
  tick: number;
}

/** Intrinsic value against spot. */
export const intrinsicValue = (right: OptionRight, spot: number, strike: number): number =>
  Math.max(0, right === 'C' ? spot - strike : strike - spot);

/** The quoted spread (ask − bid) for an option worth `price` with `intrinsic` of it intrinsic. */
export function modelSpread(price: number, intrinsic: number, p: SpreadParams): number {
  const half = p.base + p.perTimeValue * Math.max(0, price - intrinsic) + p.perIntrinsic * Math.min(price, intrinsic);
  return Math.max(1, Math.round((2 * half) / p.tick)) * p.tick;
}

export interface BidAsk {
  bid: number;
  ask: number;
}

/**
 * Bid and ask on the tick grid, centred on `mid` as closely as the grid allows. When the bid
 * would be zero or less the option is nearly worthless: no bid, and an ask of twice the mid
 * (rounded up, at least a tick), as real far-out-of-the-money quotes are (0 × 0.01).
 */
export function quoteAround(mid: number, intrinsic: number, p: SpreadParams): BidAsk {
  const spread = modelSpread(mid, intrinsic, p);
  const bid = roundToTick(mid - spread / 2, p.tick);
  if (bid <= 0) return { bid: 0, ask: Math.max(p.tick, ceilToTick(2 * mid, p.tick)) };
  return { bid, ask: roundToTick(bid + spread, p.tick) };
}
