import type { OptionRight } from '../core/option-contract.js';
import { MINUTE_MS, type EpochMs } from '../core/time.js';
import { bsKernel, newPriceDelta, type MarketRates } from './black-scholes.js';
import { skewedVol, type SkewParams } from './skew.js';
import { intrinsicValue, quoteAround, type BidAsk, type SpreadParams } from './spread-model.js';
import { yearsToExpiry } from './time-to-expiry.js';

/** The contract an OptionBarPricer prices: what is held, and when it expires. */
export interface HeldOption {
  right: OptionRight;
  strike: number;
  /** The close of the expiry session (`expiryClose(expiry)`). */
  expiresAt: EpochMs;
}

/**
 * A held option's model prices over the underlying's 1-minute bars, for the simulated broker to
 * check brackets inside a bar. The backtest's hot path: allocation-free, every result written
 * into the caller's Float64Array.
 *
 * Within a bar the option keeps one volatility (sticky strike: the smile at the bar's open) and
 * its value moves with the underlying: the open is priced at the bar's start, every other point
 * at its end. A call is worth most at the underlying's high, a put at its low, so a call's high
 * comes from the underlying's high and a put's high from its low.
 */
export class OptionBarPricer {
  private readonly pd = newPriceDelta();
  private readonly quote: BidAsk = { bid: 0, ask: 0 };
  private barVol = NaN;
  /** The bar whose time factors below are computed: the broker's path and the engine's mark price one bar twice. */
  private factorsAt = NaN;
  private growth = 1;
  private sqrtStart = 0;
  private sqrtEnd = 0;
  private sdStart = 0;
  private dqStart = 1;
  private drStart = 1;
  private sdEnd = 0;
  private dqEnd = 1;
  private drEnd = 1;

  constructor(
    readonly option: HeldOption,
    private readonly rates: MarketRates,
    private readonly skew: SkewParams,
    private readonly barMs = MINUTE_MS,
  ) {}

  /**
   * Writes the option's open, high, low and close over the underlying bar starting at
   * `barStart` into out[at..at+3]. `atmVol` is the ATM volatility for this expiry at the bar.
   */
  ohlc(barStart: EpochMs, open: number, high: number, low: number, close: number, atmVol: number, out: Float64Array, at = 0): void {
    this.prepare(barStart, open, atmVol);
    const o = this.valueAt(open, false);
    const atHigh = this.valueAt(high, true);
    const atLow = this.valueAt(low, true);
    const c = this.valueAt(close, true);
    const call = this.option.right === 'C';
    out[at] = o;
    out[at + 1] = Math.max(call ? atHigh : atLow, o, c);
    out[at + 2] = Math.min(call ? atLow : atHigh, o, c);
    out[at + 3] = c;
  }

  /**
   * Writes the option's value at each underlying price of `points` (in time order: the first at
   * the bar's start, the rest at its end) into `out`, e.g. the four points of a sim PricePath.
   */
  pathAt(barStart: EpochMs, points: Float64Array, atmVol: number, out: Float64Array): void {
    this.prepare(barStart, points[0]!, atmVol);
    for (let i = 0; i < points.length; i++) out[i] = this.valueAt(points[i]!, i > 0);
  }

  /**
   * `pathAt`, then the bid and ask the spread model quotes around each value (whole ticks, as
   * the synthetic chain quotes them; no bid is 0): what the simulated broker fills against.
   */
  quotePathAt(barStart: EpochMs, points: Float64Array, atmVol: number, spread: SpreadParams, bid: Float64Array, ask: Float64Array): void {
    this.pathAt(barStart, points, atmVol, bid);
    const { right, strike } = this.option;
    for (let i = 0; i < points.length; i++) {
      quoteAround(bid[i]!, intrinsicValue(right, points[i]!, strike), spread, this.quote);
      bid[i] = this.quote.bid;
      ask[i] = this.quote.ask;
    }
  }

  /** The volatility the last bar was priced at (the smile at its open). */
  get vol(): number {
    return this.barVol;
  }

  private prepare(barStart: EpochMs, open: number, atmVol: number): void {
    const start = yearsToExpiry(barStart, this.option.expiresAt);
    if (barStart !== this.factorsAt) {
      const { rate, dividendYield } = this.rates;
      const end = yearsToExpiry(barStart + this.barMs, this.option.expiresAt);
      this.factorsAt = barStart;
      this.growth = Math.exp((rate - dividendYield) * start);
      this.sqrtStart = Math.sqrt(start);
      this.dqStart = Math.exp(-dividendYield * start);
      this.drStart = Math.exp(-rate * start);
      this.sqrtEnd = Math.sqrt(end);
      this.dqEnd = Math.exp(-dividendYield * end);
      this.drEnd = Math.exp(-rate * end);
    }
    const fwd = open * this.growth;
    const vol = skewedVol(atmVol, Math.log(this.option.strike / fwd), start, this.skew);
    this.barVol = vol;
    this.sdStart = vol * this.sqrtStart;
    this.sdEnd = vol * this.sqrtEnd;
  }

  private valueAt(spot: number, atEnd: boolean): number {
    const { right, strike } = this.option;
    return atEnd
      ? bsKernel(right, spot, strike, this.sdEnd, this.dqEnd, this.drEnd, this.pd).price
      : bsKernel(right, spot, strike, this.sdStart, this.dqStart, this.drStart, this.pd).price;
  }
}
