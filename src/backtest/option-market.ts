import type { Settings } from '../config/schema.js';
import { contractId, type OptionContract } from '../core/option-contract.js';
import type { Instrument } from '../core/order.js';
import type { Quote } from '../core/quote.js';
import { MINUTE_MS, type EpochMs } from '../core/time.js';
import type { Direction, EntryQuote, MarketView } from '../engine/market-view.js';
import type { MarketRates } from '../options/black-scholes.js';
import { atmVolModel, type AtmVolModel, type IvSeries } from '../options/iv-source.js';
import { OptionBarPricer } from '../options/option-bars.js';
import { marketRates, skewParams, spreadParams } from '../options/pricing-settings.js';
import { RealizedVol } from '../options/realized-vol.js';
import { selectContract } from '../options/select-contract.js';
import type { SkewParams } from '../options/skew.js';
import { intrinsicValue, type SpreadParams } from '../options/spread-model.js';
import { SyntheticChain } from '../options/synthetic-chain.js';
import { expiryClose, yearsToExpiry } from '../options/time-to-expiry.js';
import { orderBarPoints, type PricePath, type PricePathSource } from '../venues/sim/price-path.js';
import type { UnderlyingFed } from './run-backtest.js';

interface Priced {
  contract: OptionContract;
  expiresAt: EpochMs;
  pricer: OptionBarPricer;
}

/**
 * Option mode's market for backtests and rehearsals: entries choose a contract from the synthetic
 * chain SPY would have had (shared selection code), marks and the broker's bar-internal paths
 * price it with the same model (Black–Scholes on the smile, bid/ask from the spread model).
 */
export class OptionMarket implements MarketView, PricePathSource, UnderlyingFed {
  private readonly atmVol: AtmVolModel;
  private readonly rates: MarketRates;
  private readonly skew: SkewParams;
  private readonly spread: SpreadParams;
  private readonly realized: RealizedVol | null;
  private readonly priced = new Map<string, Priced>();
  /** The same contract object comes back every minute from the engine's position: skip building its key. */
  private readonly byObject = new WeakMap<OptionContract, Priced>();
  private readonly points = new Float64Array(4);
  private readonly markPoint = new Float64Array(2);
  private readonly markOut = new Float64Array(2);
  private barTs = NaN;
  private pendingClose = NaN;
  private pendingCloseAt = NaN;

  /** `vix`: the stored VIX series, needed when `backtest.pricing.iv_source` is "vix". */
  constructor(
    private readonly settings: Settings,
    vix?: IvSeries,
  ) {
    const pricing = settings.backtest.pricing;
    this.realized = pricing.iv_source === 'realized' ? new RealizedVol(pricing.realized.window_bars) : null;
    this.atmVol = atmVolModel(pricing, { vix, realized: this.realized ?? undefined });
    this.rates = marketRates(pricing);
    this.skew = skewParams(pricing);
    this.spread = spreadParams(pricing);
  }

  entryQuote(symbol: string, direction: Direction, ts: EpochMs, spot: number): EntryQuote {
    const pricing = this.settings.backtest.pricing;
    const chain = new SyntheticChain(symbol, ts, spot, this.atmVol, pricing);
    const choice = selectContract({ action: direction, t: ts, spot, chain, settings: this.settings.options, rates: this.rates });
    if (!choice.ok) return choice;
    this.track(choice.contract);
    return { ok: true, instrument: { kind: 'option', contract: choice.contract }, quote: choice.quote };
  }

  /** Prices `contract`'s paths from now on (a contract chosen elsewhere, e.g. from a live chain). */
  follow(contract: OptionContract): void {
    this.track(contract);
  }

  /** The synthetic chain's quote of `contract` at `ts` for the underlying at `spot`: what selection would have seen. */
  modelQuote(contract: OptionContract, ts: EpochMs, spot: number): Quote | undefined {
    const chain = new SyntheticChain(contract.underlying, ts, spot, this.atmVol, this.settings.backtest.pricing);
    return chain.quote(contract.expiry, contract.strike, contract.right);
  }

  /** The model mid at `ts` (a bar's close) for the underlying at `spot`. */
  mark(instrument: Instrument, ts: EpochMs, spot: number): number {
    if (instrument.kind !== 'option') return spot;
    const p = this.track(instrument.contract);
    if (ts >= p.expiresAt) return intrinsicValue(p.contract.right, spot, p.contract.strike);
    // Priced as the end of the minute that closes at ts.
    this.markPoint[0] = spot;
    this.markPoint[1] = spot;
    p.pricer.pathAt(ts - MINUTE_MS, this.markPoint, this.atmVolAt(ts - MINUTE_MS, p), this.markOut);
    return this.markOut[1]!;
  }

  setBar(_symbol: string, ts: EpochMs, open: number, high: number, low: number, close: number): void {
    if (this.realized) {
      // The previous bar's close becomes known now; this bar's close only after it is traded through.
      if (this.pendingCloseAt === this.pendingCloseAt) {
        if (ts > this.pendingCloseAt) this.realized.sessionBreak();
        this.realized.push(this.pendingCloseAt, this.pendingClose);
      }
      this.pendingClose = close;
      this.pendingCloseAt = ts + MINUTE_MS;
    }
    this.barTs = ts;
    orderBarPoints(open, high, low, close, this.points);
  }

  path(key: string, barStart: EpochMs, out: PricePath): boolean {
    const p = this.priced.get(key);
    if (!p || barStart !== this.barTs || barStart >= p.expiresAt) return false;
    p.pricer.quotePathAt(barStart, this.points, this.atmVolAt(barStart, p), this.spread, out.bid, out.ask);
    return true;
  }

  private atmVolAt(t: EpochMs, p: Priced): number {
    return this.atmVol(t, yearsToExpiry(t, p.expiresAt));
  }

  private track(contract: OptionContract): Priced {
    const known = this.byObject.get(contract);
    if (known) return known;
    const key = contractId(contract);
    let p = this.priced.get(key);
    if (!p) {
      const expiresAt = expiryClose(contract.expiry);
      p = { contract, expiresAt, pricer: new OptionBarPricer({ right: contract.right, strike: contract.strike, expiresAt }, this.rates, this.skew) };
      this.priced.set(key, p);
    }
    this.byObject.set(contract, p);
    return p;
  }
}
