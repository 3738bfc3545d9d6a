import type { Session } from '../../calendar/index.js';
import { barAt, type BarColumns, type Bar } from '../../core/bar.js';
import type { OptionContract } from '../../core/option-contract.js';
import type { Quote } from '../../core/quote.js';
import { MINUTE_MS, isoUtc, type EpochMs } from '../../core/time.js';
import type { Clock } from '../../runtime/clock.js';
import type { ChainOutcome, ClosedBarsOptions, MarketDataPort } from '../../runtime/market-data-port.js';
import type { BarStore } from '../history/bar-store.js';

/** The loaded bars of one symbol in one session. */
interface SessionBars {
  session: Session;
  bars: BarColumns;
}

/**
 * A rehearsal's market data: stored 1-minute bars served the way IB serves them, only once the
 * (simulated) clock has passed their close. A session's bars are read from DuckDB in one query
 * when the loop opens the session, then served from memory. Quotes are the last closed bar's
 * close with no spread (stock mode, like the backtest's `StockMarketView`).
 */
export class ReplayFeed implements MarketDataPort {
  private readonly loaded = new Map<string, SessionBars>();

  constructor(
    private readonly store: BarStore,
    private readonly clock: Clock,
  ) {}

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
    if (typeof target !== 'string') return null;
    const now = this.clock.now();
    const { bars } = this.sessionOf(target, now);
    const i = lowerBound(bars.ts, now - MINUTE_MS + 1) - 1;
    if (i < 0) return null;
    const last = bars.close[i]!;
    return { ts: now, bid: last, ask: last, last, bidSize: NaN, askSize: NaN, volume: NaN, delayed: false };
  }

  async optionCandidates(symbol: string): Promise<ChainOutcome> {
    return { kind: 'skip', reason: `skip this cycle because the replay has no option chain for ${symbol} (stock mode only until the synthetic chain lands)` };
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
