import type { Contract } from '@stoqey/ib';
import type { Bar } from '../../core/bar.js';
import { BAR_SIZE_MS } from '../../core/bar.js';
import type { OptionContract } from '../../core/option-contract.js';
import type { Quote } from '../../core/quote.js';
import type { EpochMs, TradingDate } from '../../core/time.js';
import type { Logger } from '../../logging/logger.js';
import { openBarStream } from './bar-stream.js';
import type { IbConnection } from './ib-connection.js';
import { describeContract, optionContract, stockContract, tradingDate } from './ib-contracts.js';
import { IbRequestError, SUBSCRIPTION_CODES } from './ib-errors.js';
import { contractDetails, historicalBars, secDefOptParams, snapshot } from './ib-requests.js';
import { realTimers, type Timers } from './timers.js';

/** The option chain of an underlying as IB lists it on SMART: what the selection code picks from. */
export interface OptionChainParams {
  symbol: string;
  underlyingConId: number;
  exchange: string;
  tradingClass: string;
  multiplier: number;
  /** Ascending. */
  expirations: TradingDate[];
  /** Ascending. */
  strikes: number[];
}

export interface QuotedOption {
  contract: OptionContract;
  quote: Quote;
}

/**
 * The option step of a cycle: quoted candidates, or the documented "skip this cycle because…"
 * outcome (empty chain, no underlying quote, no candidate, no candidate quote). Never a throw
 * for missing data; a lost connection or pacing still throws.
 */
export type ChainOutcome =
  | { kind: 'candidates'; underlying: Quote; chain: OptionChainParams; candidates: QuotedOption[] }
  | { kind: 'skip'; reason: string };

/** The shared selection code: from a chain and the underlying's quote, the contracts worth quoting. */
export type PickOptions = (chain: OptionChainParams, underlying: Quote) => OptionContract[];

export interface DelayedReason {
  /** The contract whose live data was refused first, e.g. "SPY". */
  contract: string;
  code: number;
  /** IB's words. */
  message: string;
}

export interface ClosedBarsOptions {
  /** How far back from `asOf`; short ("3600 S") as the old bot learned, long requests are slow and paced. */
  lookbackSeconds?: number;
  regularHoursOnly?: boolean;
}

const MINUTE = BAR_SIZE_MS['1m'];

/**
 * Market data from IB Gateway, promise-based: closed 1-minute bars, quote snapshots, the
 * option chain, and bar streams kept alive by the connection. When live data needs a
 * subscription (10089/10168) it switches once, loudly, to delayed data and marks every quote
 * `delayed`.
 */
export class IbMarketData {
  private delayedReason: DelayedReason | null = null;

  constructor(
    private readonly conn: IbConnection,
    private readonly log: Logger,
    private readonly timers: Timers = realTimers,
  ) {
    // The market data type belongs to a connection: ask again after every reconnect.
    conn.on('connected', () => {
      if (this.delayedReason) conn.session.fire((api) => api.reqMarketDataType(3));
    });
  }

  /** True once live data was refused and the venue serves delayed (type 3) data. */
  get delayed(): boolean {
    return this.delayedReason !== null;
  }

  /** Why data is delayed: the first refused contract and IB's code and words; null while live. */
  get delayedBecause(): DelayedReason | null {
    return this.delayedReason;
  }

  /** 1-minute bars of `symbol` that had closed by `asOf` (bar start + 1 min ≤ asOf), oldest first. */
  async closedBars(symbol: string, asOf: EpochMs, opts: ClosedBarsOptions = {}): Promise<Bar[]> {
    const bars = await historicalBars(this.conn.session, stockContract(symbol), {
      endMs: asOf,
      durationSeconds: opts.lookbackSeconds ?? 3600,
      regularHoursOnly: opts.regularHoursOnly ?? true,
    });
    return bars.filter((b) => b.ts + MINUTE <= asOf);
  }

  /** A snapshot of a symbol or an option; null when IB has no price at all for it. */
  async quote(target: string | OptionContract): Promise<Quote | null> {
    const contract = typeof target === 'string' ? stockContract(target) : optionContract(target);
    const askedDelayed = this.delayed;
    try {
      return await this.snapshotQuote(contract);
    } catch (e) {
      if (!(e instanceof IbRequestError) || !SUBSCRIPTION_CODES.has(e.code)) throw e;
      if (askedDelayed) {
        this.log.error('ib.no-market-data', `no market data for ${describeContract(contract)}, not even delayed: IB ${e.code}`, { code: e.code });
        return null;
      }
      if (!this.delayed) this.switchToDelayed(contract, e);
      return this.quote(target);
    }
  }

  /** Qualifies `symbol` (its conId), then asks reqSecDefOptParams; null when IB lists no SMART chain. */
  async optionChainParams(symbol: string): Promise<OptionChainParams | null> {
    const details = await contractDetails(this.conn.session, stockContract(symbol));
    const conId = details[0]?.contract.conId;
    if (!conId) return null;
    const all = await secDefOptParams(this.conn.session, symbol, conId);
    const p = all.find((x) => x.exchange === 'SMART' && x.tradingClass === symbol) ?? all.find((x) => x.exchange === 'SMART');
    if (!p) return null;
    return {
      symbol,
      underlyingConId: conId,
      exchange: p.exchange,
      tradingClass: p.tradingClass,
      multiplier: p.multiplier,
      expirations: [...p.expirations].sort().map(tradingDate),
      strikes: [...p.strikes].sort((a, b) => a - b),
    };
  }

  /** Chain → `pick` (the shared selection code) → quotes of the picked contracts, or a skip with its reason. */
  async optionCandidates(symbol: string, pick: PickOptions): Promise<ChainOutcome> {
    const chain = await this.optionChainParams(symbol);
    if (!chain || chain.expirations.length === 0 || chain.strikes.length === 0) {
      return { kind: 'skip', reason: `skip this cycle because IB lists no option chain for ${symbol} on SMART` };
    }
    const underlying = await this.quote(symbol);
    if (!underlying) return { kind: 'skip', reason: `skip this cycle because ${symbol} has no quote` };
    const picked = pick(chain, underlying);
    if (picked.length === 0) return { kind: 'skip', reason: `skip this cycle because no ${symbol} option matches the selection rules` };
    const quotes = await Promise.all(picked.map((c) => this.quote(c)));
    const candidates = picked.flatMap((contract, i) => (quotes[i] ? [{ contract, quote: quotes[i] }] : []));
    if (candidates.length === 0) {
      return { kind: 'skip', reason: `skip this cycle because none of the ${picked.length} picked ${symbol} options has a quote` };
    }
    return { kind: 'candidates', underlying, chain, candidates };
  }

  /**
   * Streams `symbol`'s closed 1-minute bars (keepUpToDate) under the connection's watchdog; after
   * a reconnect the missed bars are delivered from the fresh history. Returns the closer.
   */
  streamBars(symbol: string, onBar: (bar: Bar) => void): () => void {
    return this.conn.subscribe(openBarStream(symbol, onBar, (e) => this.log.warn('ib.bar-stream', e.message, { symbol, code: e.code })));
  }

  private async snapshotQuote(contract: Contract): Promise<Quote | null> {
    const t = await snapshot(this.conn.session, contract);
    if (Number.isNaN(t.bid) && Number.isNaN(t.ask) && Number.isNaN(t.last)) return null;
    return { ts: this.timers.now(), ...t };
  }

  /** The one loud warning: which data is missing, what IB said, and what the bot does now. */
  private switchToDelayed(contract: Contract, e: IbRequestError): void {
    const what = describeContract(contract);
    const ibText = e.message.replace(/^.*?IB \d+ /, '');
    this.delayedReason = { contract: what, code: e.code, message: ibText };
    this.log.warn(
      'ib.delayed-data',
      `NO LIVE MARKET DATA for ${what}: IB ${e.code} "${ibText}". The account lacks the market-data subscription for ${what}; ` +
        'switching to DELAYED data (market data type 3): quotes are about 15 minutes old and every one is marked delayed.',
      { code: e.code, contract: what },
    );
    this.conn.session.fire((api) => api.reqMarketDataType(3));
  }
}
