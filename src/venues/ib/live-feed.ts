import type { Bar } from '../../core/bar.js';
import type { OptionContract } from '../../core/option-contract.js';
import type { Quote } from '../../core/quote.js';
import { MINUTE_MS, type EpochMs } from '../../core/time.js';

/** A minute stepped this long after its end is caught up on, not fetched on its own. */
const CATCH_UP_AFTER_MS = 2 * MINUTE_MS;
import type { Logger } from '../../logging/logger.js';
import type { ChainOutcome, ClosedBarsOptions, MarketDataPort, PickOptions } from '../../runtime/market-data-port.js';
import { IbConnectError, IbRequestError } from './ib-errors.js';

/** Called once the minute's bars of a symbol are in: `spot` is its last close, `ok` false when the bars could not be fetched. */
export type MinuteHook = (symbol: string, t: EpochMs, bars: readonly Bar[], spot: number, ok: boolean) => Promise<void>;

/**
 * The run loop's market-data port in live mode: IB's, made safe for an unattended day. A minute
 * whose bars cannot be fetched (disconnected, timed out, an IB error) is logged as missed and
 * yields no bars instead of ending the run; after each minute's bars `onMinute` fetches what the
 * step needs (option chain, held quotes) and writes the heartbeat.
 */
export class LiveFeed implements MarketDataPort {
  private readonly lastClose = new Map<string, number>();
  /** Bars fetched ahead while catching up, per symbol: one request instead of one per missed minute (IB paces historical requests). */
  private readonly ahead = new Map<string, { until: EpochMs; bars: Bar[] }>();
  /** Minutes whose bars could not be fetched, per symbol. */
  readonly missed = new Map<string, number>();

  constructor(
    private readonly inner: MarketDataPort,
    private readonly log: Logger,
    private readonly onMinute: MinuteHook,
    /** The loop's clock: a minute stepped well after it happened is served from one catch-up request. */
    private readonly now?: () => EpochMs,
  ) {}

  async closedBars(symbol: string, asOf: EpochMs, opts?: ClosedBarsOptions): Promise<Bar[]> {
    let bars: Bar[] = [];
    let ok = true;
    try {
      bars = await this.fetch(symbol, asOf, opts);
    } catch (e) {
      if (!isIbFailure(e)) throw e;
      ok = false;
      this.missed.set(symbol, (this.missed.get(symbol) ?? 0) + 1);
      this.log.warn('live.minute-missed', `${symbol} bars of the minute to ${new Date(asOf).toISOString()} missed: ${(e as Error).message}`, { symbol, at: asOf });
    }
    const last = bars.at(-1);
    if (last) this.lastClose.set(symbol, last.close);
    try {
      await this.onMinute(symbol, asOf, bars, this.lastClose.get(symbol) ?? NaN, ok);
    } catch (e) {
      if (!isIbFailure(e)) throw e;
      this.log.warn('live.prefetch-failed', `${symbol} quotes for ${new Date(asOf).toISOString()}: ${(e as Error).message}`, { symbol, at: asOf });
    }
    return bars;
  }

  /** The bars closed by `asOf` within the lookback: from IB, or from the catch-up request when `asOf` is long past. */
  private async fetch(symbol: string, asOf: EpochMs, opts: ClosedBarsOptions = {}): Promise<Bar[]> {
    const now = this.now?.() ?? asOf;
    const lookbackMs = (opts.lookbackSeconds ?? 3600) * 1000;
    if (!(now - asOf > CATCH_UP_AFTER_MS)) return this.inner.closedBars(symbol, asOf, opts);
    let a = this.ahead.get(symbol);
    if (!a || a.until < asOf) {
      const until = now - (now % MINUTE_MS);
      const from = asOf - lookbackMs;
      a = { until, bars: await this.inner.closedBars(symbol, until, { ...opts, lookbackSeconds: Math.ceil((until - from) / 1000) }) };
      this.ahead.set(symbol, a);
      this.log.info('live.catch-up', `${symbol}: bars from ${new Date(from).toISOString()} to ${new Date(until).toISOString()} in one request (catching up)`, { symbol, from, until, bars: a.bars.length });
    }
    return a.bars.filter((b) => b.ts >= asOf - lookbackMs && b.ts + MINUTE_MS <= asOf);
  }

  quote(target: string | OptionContract): Promise<Quote | null> {
    return this.inner.quote(target);
  }

  optionCandidates(symbol: string, pick: PickOptions): Promise<ChainOutcome> {
    return this.inner.optionCandidates(symbol, pick);
  }
}

/** What IB can throw at a request: a lost connection, an IB error code, a timeout. */
export const isIbFailure = (e: unknown): boolean => e instanceof IbConnectError || e instanceof IbRequestError;
