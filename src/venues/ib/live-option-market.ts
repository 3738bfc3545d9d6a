import type { IvSeries } from '../../options/iv-source.js';
import { OptionMarket } from '../../backtest/option-market.js';
import type { Settings } from '../../config/schema.js';
import { contractId, type OptionContract, type OptionRight } from '../../core/option-contract.js';
import type { Instrument } from '../../core/order.js';
import type { Quote } from '../../core/quote.js';
import { MINUTE_MS, type EpochMs, type TradingDate } from '../../core/time.js';
import type { Direction, EntryQuote, MarketView } from '../../engine/market-view.js';
import type { MarketRates } from '../../options/black-scholes.js';
import type { OptionChain } from '../../options/option-chain.js';
import { marketRates } from '../../options/pricing-settings.js';
import { selectContract } from '../../options/select-contract.js';
import type { MarketDataPort } from '../../runtime/market-data-port.js';
import type { UnderlyingFed } from '../../runtime/minute-step.js';
import type { PricePath, PricePathSource } from '../sim/price-path.js';
import type { OptionChainParams, PickOptions } from './ib-market-data.js';

/** The cycle's chain: what IB listed and the quotes fetched for the contracts selection looks at. */
type CycleChain = { t: EpochMs; chain: OptionChain } | { t: EpochMs; skip: string };

/** A held contract's live quote at a minute, as offsets from the model's quote at that minute. */
interface Anchor {
  t: EpochMs;
  bid: number;
  ask: number;
}

/**
 * Option mode's market in `optbot live`. The run loop is asynchronous and the core is not, so
 * everything the minute needs is fetched before the step (`prefetch`):
 * - at a cycle, IB's chain and quotes of the contracts the shared selection code will look at
 *   (for a call and a put); `entryQuote` then selects from that live chain with the same code
 *   a backtest uses;
 * - every minute, a snapshot of each contract held or worked.
 * Marks and the dry-run broker's bar paths come from the backtest's options model (the shape of
 * a minute: the underlying's open, extremes and close), moved to the level of the live quote:
 * the model's price plus (live − model) at the minute's close. When IB serves the model's own
 * quotes (the parity test) the offset is exactly zero and live equals the backtest.
 */
export class LiveOptionMarket implements MarketView, PricePathSource, UnderlyingFed {
  private readonly model: OptionMarket;
  private readonly rates: MarketRates;
  private readonly chains = new Map<string, CycleChain>();
  private readonly anchors = new Map<string, Anchor>();

  constructor(
    private readonly settings: Settings,
    private readonly port: MarketDataPort,
    /** The instruments the engine holds or works: their quotes are fetched every minute. */
    private readonly held: () => Iterable<Instrument>,
    /** The stored VIX, for `iv_source: vix`. */
    vix?: IvSeries,
  ) {
    this.model = new OptionMarket(settings, vix);
    this.rates = marketRates(settings.backtest.pricing);
  }

  /** Fetches what the step at `t` will ask for; `spot` is the underlying's last close (the engine's price). */
  async prefetch(symbol: string, t: EpochMs, spot: number, cycle: boolean): Promise<void> {
    const held = [...this.held()].flatMap((i) => (i.kind === 'option' && i.contract.underlying === symbol ? [i.contract] : []));
    const unique = new Map(held.map((c) => [contractId(c), c]));
    await Promise.all([cycle ? this.fetchChain(symbol, t, spot) : null, ...[...unique.values()].map((c) => this.anchor(c, t, spot))]);
  }

  entryQuote(symbol: string, direction: Direction, ts: EpochMs, spot: number): EntryQuote {
    const c = this.chains.get(symbol);
    if (!c || c.t !== ts) return { ok: false, reason: `no live option chain of ${symbol} was fetched for this cycle` };
    if ('skip' in c) return { ok: false, reason: c.skip };
    const choice = selectContract({ action: direction, t: ts, spot, chain: c.chain, settings: this.settings.options, rates: this.rates });
    if (!choice.ok) return choice;
    this.model.follow(choice.contract);
    return { ok: true, instrument: { kind: 'option', contract: choice.contract }, quote: choice.quote };
  }

  mark(instrument: Instrument, ts: EpochMs, spot: number): number {
    const m = this.model.mark(instrument, ts, spot);
    if (instrument.kind !== 'option') return m;
    const a = this.anchors.get(contractId(instrument.contract));
    return a?.t === ts ? m + (a.bid + a.ask) / 2 : m;
  }

  setBar(symbol: string, ts: EpochMs, open: number, high: number, low: number, close: number): void {
    this.model.setBar(symbol, ts, open, high, low, close);
  }

  path(key: string, barStart: EpochMs, out: PricePath): boolean {
    if (!this.model.path(key, barStart, out)) return false;
    const a = this.anchors.get(key);
    if (a?.t === barStart + MINUTE_MS) {
      for (let k = 0; k < out.bid.length; k++) {
        out.bid[k] = Math.max(0, out.bid[k]! + a.bid);
        out.ask[k] = Math.max(out.bid[k]!, out.ask[k]! + a.ask);
      }
    }
    return true;
  }

  private async fetchChain(symbol: string, t: EpochMs, spot: number): Promise<void> {
    const outcome = await this.port.optionCandidates(symbol, this.probe(symbol, t, spot));
    if (outcome.kind === 'skip') return void this.chains.set(symbol, { t, skip: outcome.reason });
    this.chains.set(symbol, { t, chain: liveChain(outcome.chain, outcome.candidates) });
  }

  /** The contracts selection would quote for a call and a put at `t`: found by running it on a chain without quotes. */
  private probe(symbol: string, t: EpochMs, spot: number): PickOptions {
    return (params) => {
      const asked = new Map<string, OptionContract>();
      const probing: OptionChain = {
        ...liveChain(params, []),
        quote: (expiry, strike, right) => {
          const contract = { underlying: symbol, expiry, strike, right, multiplier: params.multiplier };
          asked.set(contractId(contract), contract);
          return undefined;
        },
      };
      for (const action of ['BUY', 'SELL'] as const) selectContract({ action, t, spot, chain: probing, settings: this.settings.options, rates: this.rates });
      return [...asked.values()];
    };
  }

  /** The live quote of a held contract at `t`, kept as its offset from the model's quote at `t`. */
  private async anchor(contract: OptionContract, t: EpochMs, spot: number): Promise<void> {
    const key = contractId(contract);
    this.model.follow(contract);
    const live = await this.port.quote(contract);
    const model = this.model.modelQuote(contract, t, spot);
    if (!live || !model || !(live.bid > 0) || !(live.ask >= live.bid) || !(model.bid > 0)) return void this.anchors.delete(key);
    this.anchors.set(key, { t, bid: live.bid - model.bid, ask: live.ask - model.ask });
  }
}

/** IB's chain (expiries and strikes as listed) with the quotes that were fetched; volumes are real. */
function liveChain(params: OptionChainParams, quoted: readonly { contract: OptionContract; quote: Quote }[]): OptionChain {
  const quotes = new Map(quoted.map((q) => [quoteKey(q.contract.expiry, q.contract.strike, q.contract.right), q.quote]));
  return {
    underlying: params.symbol,
    multiplier: params.multiplier,
    hasVolume: true,
    expiries: () => params.expirations,
    strikes: (expiry: TradingDate) => (params.expirations.includes(expiry) ? params.strikes : []),
    quote: (expiry, strike, right) => quotes.get(quoteKey(expiry, strike, right)),
  };
}

const quoteKey = (expiry: TradingDate, strike: number, right: OptionRight): string => `${expiry}|${strike}|${right}`;
