import type { Session } from '../../calendar/index.js';
import { barAt, type BarColumns, type Bar } from '../../core/bar.js';
import type { OptionContract } from '../../core/option-contract.js';
import type { Quote } from '../../core/quote.js';
import { MINUTE_MS, isoUtc, type EpochMs } from '../../core/time.js';
import type { Clock } from '../../runtime/clock.js';
import type { ChainOutcome, ClosedBarsOptions, MarketDataPort, OptionChainParams, PickOptions } from '../../runtime/market-data-port.js';
import type { PricingSettings } from '../../config/sections/backtest.js';
import { atmVolModel, type AtmVolModel, type IvSeries } from '../../options/iv-source.js';
import { SyntheticChain } from '../../options/synthetic-chain.js';
import type { BarStore } from '../history/bar-store.js';

/** The loaded bars of one symbol in one session. */
interface SessionBars {
  session: Session;
  bars: BarColumns;
}

/** How the replay prices options: the backtest's pricing settings and, for iv_source "vix", the stored VIX. */
export interface ReplayPricing {
  pricing: PricingSettings;
  vix?: IvSeries;
}

/**
 * A rehearsal's market data: stored 1-minute bars served the way IB serves them, only once the
 * (simulated) clock has passed their close. A session's bars are read from DuckDB in one query
 * when the loop opens the session, then served from memory. A symbol's quote is its last closed
 * bar's close with no spread (like the backtest's `StockMarketView`); options are quoted from the
 * synthetic chain SPY would have had then (like the backtest's `OptionMarket`).
 */
export class ReplayFeed implements MarketDataPort {
  private readonly loaded = new Map<string, SessionBars>();
  private readonly atmVol: AtmVolModel | null;
  /** Why `atmVol` is null. */
  private readonly noOptions: string;

  constructor(
    private readonly store: BarStore,
    private readonly clock: Clock,
    private readonly options: ReplayPricing | null = null,
  ) {
    // A realised-vol window belongs to the run's options model (the engine's market), which is
    // fed every bar; the feed has no window of its own, so it quotes no options then.
    this.atmVol = options && options.pricing.iv_source !== 'realized' ? atmVolModel(options.pricing, { vix: options.vix }) : null;
    this.noOptions = options === null ? 'the replay prices no options (stock mode)' : 'the replay quotes no options with iv_source "realized" (the engine prices them)';
  }

  /** Reads `session`'s bars of each symbol; returns how many each has (0: nothing stored that day). */
  async openSession(session: Session, symbols: readonly string[]): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const symbol of symbols) {
      const bars = await this.store.readColumns(symbol, '1m', session.open, session.close);
      this.loaded.set(symbol, { session, bars });
      counts[symbol] = bars.length;
    }
    return counts;
  }

  async closedBars(symbol: string, asOf: EpochMs, opts: ClosedBarsOptions = {}): Promise<Bar[]> {
    const { bars } = this.sessionOf(symbol, asOf);
    const from = asOf - (opts.lookbackSeconds ?? 3600) * 1000;
    const out: Bar[] = [];
    for (let i = lowerBound(bars.ts, from); i < bars.length && bars.ts[i]! + MINUTE_MS <= asOf; i++) out.push(barAt(bars, i));
    return out;
  }

  async quote(target: string | OptionContract): Promise<Quote | null> {
    if (typeof target !== 'string') {
      const chain = await this.chainOf(target.underlying);
      return chain?.quote(target.expiry, target.strike, target.right) ?? null;
    }
    const now = this.clock.now();
    const { bars } = this.sessionOf(target, now);
    const i = lowerBound(bars.ts, now - MINUTE_MS + 1) - 1;
    if (i < 0) return null;
    const last = bars.close[i]!;
    return { ts: now, bid: last, ask: last, last, bidSize: NaN, askSize: NaN, volume: NaN, delayed: false };
  }

  /** The synthetic chain's expiries and strikes → `pick` (the shared selection code) → the picked contracts' quotes, or a skip with its reason. */
  async optionCandidates(symbol: string, pick: PickOptions): Promise<ChainOutcome> {
    if (this.atmVol === null) return { kind: 'skip', reason: `skip this cycle because ${this.noOptions}` };
    const underlying = await this.quote(symbol);
    if (!underlying) return { kind: 'skip', reason: `skip this cycle because ${symbol} has no quote` };
    const chain = (await this.chainOf(symbol))!;
    const expirations = [...chain.expiries()];
    const params: OptionChainParams = { symbol, underlyingConId: 0, exchange: 'SMART', tradingClass: symbol, multiplier: chain.multiplier, expirations, strikes: [...chain.strikes(expirations[0]!)] };
    const picked = pick(params, underlying);
    if (picked.length === 0) return { kind: 'skip', reason: `skip this cycle because no ${symbol} option matches the selection rules` };
    const candidates = picked.flatMap((contract) => {
      const quote = chain.quote(contract.expiry, contract.strike, contract.right);
      return quote ? [{ contract, quote }] : [];
    });
    if (candidates.length === 0) return { kind: 'skip', reason: `skip this cycle because none of the ${picked.length} picked ${symbol} options has a quote` };
    return { kind: 'candidates', underlying, chain: params, candidates };
  }

  /** The synthetic chain of `symbol` now, around its last close; null without a price or in stock mode. */
  private async chainOf(symbol: string): Promise<SyntheticChain | null> {
    const spot = await this.quote(symbol);
    if (!spot || this.atmVol === null) return null;
    return new SyntheticChain(symbol, spot.ts, spot.last, this.atmVol, this.options!.pricing);
  }

  /** The loaded session containing `asOf`; asking for a time the clock has not reached is a look-ahead and throws. */
  private sessionOf(symbol: string, asOf: EpochMs): SessionBars {
    const now = this.clock.now();
    if (asOf > now) throw new Error(`replay: bars as of ${isoUtc(asOf)} asked at ${isoUtc(now)}: the replay never serves the future`);
    const s = this.loaded.get(symbol);
    if (!s || asOf < s.session.open || asOf > s.session.close) throw new Error(`replay: no session of ${symbol} open at ${isoUtc(asOf)} (call openSession first)`);
    return s;
  }
}

/** First index i with ts[i] ≥ t. */
function lowerBound(ts: Float64Array, t: number): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
