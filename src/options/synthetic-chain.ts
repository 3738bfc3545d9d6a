import { listedExpiries, tradingDateOf } from '../calendar/index.js';
import type { OptionRight } from '../core/option-contract.js';
import type { Quote } from '../core/quote.js';
import type { EpochMs, TradingDate } from '../core/time.js';
import type { PricingSettings } from '../config/sections/backtest.js';
import { bsPrice, forwardPrice, type MarketRates } from './black-scholes.js';
import type { AtmVolModel } from './iv-source.js';
import type { OptionChain } from './option-chain.js';
import { marketRates, skewParams, spreadParams } from './pricing-settings.js';
import { skewedVol, type SkewParams } from './skew.js';
import { intrinsicValue, quoteAround, type SpreadParams } from './spread-model.js';
import { expiryClose, yearsToExpiry } from './time-to-expiry.js';

/** How far ahead the synthetic chain lists expiries, in calendar days. */
export const SYNTHETIC_HORIZON_DAYS = 60;

/** The last day's listed expiries and their closes: a backtest asks for the same day many times. */
let listedMemo: { date: TradingDate; horizonDays: number; expiries: TradingDate[]; closes: number[] } | undefined;

/** The expiries listed on t's trading date whose session has not closed at t. */
function openExpiries(t: EpochMs, horizonDays: number): readonly TradingDate[] {
  const date = tradingDateOf(t);
  if (listedMemo?.date !== date || listedMemo.horizonDays !== horizonDays) {
    const expiries = listedExpiries(date, horizonDays);
    listedMemo = { date, horizonDays, expiries, closes: expiries.map(expiryClose) };
  }
  const { expiries, closes } = listedMemo;
  let first = 0;
  while (first < expiries.length && closes[first]! <= t) first++;
  return first === 0 ? expiries : expiries.slice(first);
}

/** SPY strikes are $1 apart around the money. */
const STRIKE_STEP = 1;

let strikesMemo: { lo: number; hi: number; strikes: number[] } = { lo: 0, hi: -1, strikes: [] };

/** $1 strikes within ±range of spot; the same array while spot stays within a dollar's moves. */
function strikesAround(spot: number, range: number): readonly number[] {
  const lo = Math.ceil((spot * (1 - range)) / STRIKE_STEP);
  const hi = Math.floor((spot * (1 + range)) / STRIKE_STEP);
  if (lo !== strikesMemo.lo || hi !== strikesMemo.hi) {
    const strikes: number[] = [];
    for (let k = lo; k <= hi; k++) strikes.push(k * STRIKE_STEP);
    strikesMemo = { lo, hi, strikes };
  }
  return strikesMemo.strikes;
}

/**
 * The chain SPY would have had at t: the expiries listed that day (the calendar's expiry rules)
 * that have not closed yet, $1 strikes within `strike_range_pct` of spot, and quotes priced on
 * demand by Black–Scholes at the smile's volatility, with bid and ask from the spread model.
 * No volume: `options.min_volume` does not apply to it.
 */
export class SyntheticChain implements OptionChain {
  readonly multiplier = 100;
  readonly hasVolume = false;
  private readonly listed: readonly TradingDate[];
  private readonly strikeList: readonly number[];
  private readonly rates: MarketRates;
  private readonly skew: SkewParams;
  private readonly spread: SpreadParams;

  constructor(
    readonly underlying: string,
    readonly t: EpochMs,
    readonly spot: number,
    private readonly atmVol: AtmVolModel,
    pricing: PricingSettings,
    horizonDays = SYNTHETIC_HORIZON_DAYS,
  ) {
    this.listed = openExpiries(t, horizonDays);
    this.strikeList = strikesAround(spot, pricing.strike_range_pct);
    this.rates = marketRates(pricing);
    this.skew = skewParams(pricing);
    this.spread = spreadParams(pricing);
  }

  expiries(): readonly TradingDate[] {
    return this.listed;
  }

  strikes(expiry: TradingDate): readonly number[] {
    return this.listed.includes(expiry) ? this.strikeList : [];
  }

  /** The model's mid (its fair value) of a listed contract; NaN when not listed or no ATM vol is known at t. */
  mid(expiry: TradingDate, strike: number, right: OptionRight): number {
    if (!this.listed.includes(expiry)) return NaN;
    const years = yearsToExpiry(this.t, expiryClose(expiry));
    const atm = this.atmVol(this.t, years);
    if (!(atm > 0)) return NaN;
    const vol = skewedVol(atm, Math.log(strike / forwardPrice(this.spot, years, this.rates)), years, this.skew);
    return bsPrice({ right, spot: this.spot, strike, years, ...this.rates }, vol);
  }

  quote(expiry: TradingDate, strike: number, right: OptionRight): Quote | undefined {
    if (!this.strikeList.includes(strike)) return undefined;
    const mid = this.mid(expiry, strike, right);
    if (!(mid >= 0)) return undefined;
    const { bid, ask } = quoteAround(mid, intrinsicValue(right, this.spot, strike), this.spread);
    return { ts: this.t, bid: bid > 0 ? bid : NaN, ask, last: NaN, bidSize: NaN, askSize: NaN, volume: NaN, delayed: false };
  }
}
