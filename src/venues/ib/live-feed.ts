import type { Bar } from '../../core/bar.js';
import type { OptionContract } from '../../core/option-contract.js';
import type { Quote } from '../../core/quote.js';
import type { EpochMs } from '../../core/time.js';
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
  /** Minutes whose bars could not be fetched, per symbol. */
  readonly missed = new Map<string, number>();

  constructor(
    private readonly inner: MarketDataPort,
    private readonly log: Logger,
    private readonly onMinute: MinuteHook,
  ) {}

  async closedBars(symbol: string, asOf: EpochMs, opts?: ClosedBarsOptions): Promise<Bar[]> {
    let bars: Bar[] = [];
    let ok = true;
    try {
      bars = await this.inner.closedBars(symbol, asOf, opts);
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

  quote(target: string | OptionContract): Promise<Quote | null> {
    return this.inner.quote(target);
  }

  optionCandidates(symbol: string, pick: PickOptions): Promise<ChainOutcome> {
    return this.inner.optionCandidates(symbol, pick);
  }
}

/** What IB can throw at a request: a lost connection, an IB error code, a timeout. */
export const isIbFailure = (e: unknown): boolean => e instanceof IbConnectError || e instanceof IbRequestError;
