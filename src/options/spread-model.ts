import type { OptionRight } from '../core/option-contract.js';

/**
 * Bid and ask around a model mid. The half-spread grows with the option's time value and, much
 * faster, with its intrinsic value: in-the-money SPY options are quoted far wider than
 * out-of-the-money ones of the same price (see the calibration in the README).
 *
 *   half = base + per_time_value·(price − intrinsic) + per_intrinsic·intrinsic
 *
 * The spread is that doubled, on the tick grid, and at least one tick. Prices are whole ticks
 * divided by ticks-per-dollar, which gives exactly the double of the decimal (1.23, not
 * 1.2300000000000002), so comparisons with limit prices are exact; and no strings, so it is
 * cheap enough for every bar of a backtest.
 */
export interface SpreadParams {
  base: number;
  perTimeValue: number;
  perIntrinsic: number;
  /** Quote increment, a whole fraction of $1: $0.01 for SPY options at every price. */
  tick: number;
}

/** Intrinsic value against spot. */
export const intrinsicValue = (right: OptionRight, spot: number, strike: number): number =>
  Math.max(0, right === 'C' ? spot - strike : strike - spot);

const ticksPerDollar = (p: SpreadParams): number => Math.round(1 / p.tick);

/** The quoted spread in whole ticks for an option worth `price` with `intrinsic` of it intrinsic. */
export function spreadTicks(price: number, intrinsic: number, p: SpreadParams): number {
  const half = p.base + p.perTimeValue * Math.max(0, price - intrinsic) + p.perIntrinsic * Math.min(price, intrinsic);
  return Math.max(1, Math.round((2 * half) / p.tick));
}

/** The quoted spread (ask − bid) in dollars. */
export const modelSpread = (price: number, intrinsic: number, p: SpreadParams): number => spreadTicks(price, intrinsic, p) / ticksPerDollar(p);

export interface BidAsk {
  bid: number;
  ask: number;
}

/**
 * Bid and ask on the tick grid, centred on `mid` as closely as the grid allows, written into
 * `out` (reusable). When the bid would be zero or less the option is nearly worthless: no bid
 * (0), and an ask of twice the mid rounded up, at least a tick, as real far-out-of-the-money
 * quotes are (0 × 0.01).
 */
export function quoteAround(mid: number, intrinsic: number, p: SpreadParams, out: BidAsk = { bid: 0, ask: 0 }): BidAsk {
  const perDollar = ticksPerDollar(p);
  const spread = spreadTicks(mid, intrinsic, p);
  const bidTicks = Math.round(mid * perDollar - spread / 2);
  if (bidTicks <= 0) {
    out.bid = 0;
    out.ask = Math.max(1, Math.ceil(2 * mid * perDollar - 1e-9)) / perDollar;
  } else {
    out.bid = bidTicks / perDollar;
    out.ask = (bidTicks + spread) / perDollar;
  }
  return out;
}
