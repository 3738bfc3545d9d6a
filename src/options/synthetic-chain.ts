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

/** SPY strikes are $1 apart around the money. */
const STRIKE_STEP = 1;

/**
 * The chain SPY would have had at t: the expiries listed that day (the calendar's expiry rules)
 * that have not closed yet, $1 strikes within `strike_range_pct` of spot, and quotes priced on
 * demand by Black–Scholes at the smile's volatility, with bid and ask from the spread model.
 * No volume: `options.min_volume` does not apply to it.
 */
export class SyntheticChain implements OptionChain {
  readonly multiplier = 100;
  readonly hasVolume = false;
  private readonly listed: TradingDate[];
  private readonly strikeList: number[];
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
    this.listed = listedExpiries(tradingDateOf(t), horizonDays).filter((e) => expiryClose(e) > t);
    const lo = Math.ceil((spot * (1 - pricing.strike_range_pct)) / STRIKE_STEP);
    const hi = Math.floor((spot * (1 + pricing.strike_range_pct)) / STRIKE_STEP);
    this.strikeList = Array.from({ length: Math.max(0, hi - lo + 1) }, (_, i) => (lo + i) * STRIKE_STEP);
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
