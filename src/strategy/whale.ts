import type { Bar } from '../core/bar.js';
import type { Signal } from '../core/signal.js';
import { dateAsNumber, dateFromNumber, isoUtc, MINUTE_MS, type EpochMs, type TradingDate } from '../core/time.js';
import type { Settings } from '../config/schema.js';
import { assertClosedBy, barFeed, feedBar, type BarFeed } from './bar-feed.js';
import { NO_SESSION } from './indicators/vwap.js';
import type { SessionRef, Strategy } from './strategy.js';

export type WhaleSettings = Settings['strategy']['whale'];

/**
 * The whale rule that decided a signal, and its facts:
 * - `cooldown`: [date of the last whale signal as yyyymmdd, sessions left after this one];
 * - `insufficient-history`: [aggregated bars of the session so far];
 * - `no-spike`: [last volume ratio, last move];
 * - `spike`: [spike bar start, its volume, the mean volume before it, its move].
 */
export type WhaleRule = 'cooldown' | 'insufficient-history' | 'no-spike' | 'spike';

/** A closed aggregated bar that met both spike thresholds. */
export interface WhaleSpike {
  /** Start of the aggregated bar. */
  ts: EpochMs;
  session: number;
  volume: number;
  /** Mean volume of the `lookback_bars` bars before it in the same session. */
  meanVolume: number;
  /** (close − open) / open. */
  move: number;
}

export interface WhaleState extends BarFeed {
  /** Session ordinal of the aggregated bars below. */
  session: number;
  /** The forming aggregated bar; `bucketBars` 0 when none is forming. */
  bucketStart: EpochMs;
  bucketBars: number;
  open: number;
  close: number;
  volume: number;
  /** Volumes of this session's last `lookback_bars` closed aggregated bars, a ring written at `head`. */
  volumes: number[];
  head: number;
  filled: number;
  /** Volume ratio and move of the last aggregated bar measured against a full window this session. */
  measured: boolean;
  lastRatio: number;
  lastMove: number;
  /** The latest spike not yet reported by `evaluate`. */
  spike: WhaleSpike | null;
  /** The last whale signal; it starts the cooldown. */
  fired: { ordinal: number; date: TradingDate; ts: EpochMs } | null;
}

/**
 * Whale rules: a volume spike with a directional move on aggregated bars.
 *
 * The 1-minute bars are aggregated incrementally into `bar_minutes` bars aligned to the clock
 * (09:30, 09:35, … for 5: since bar_minutes divides 30, clock alignment is session alignment). An
 * aggregated bar closes with its last minute, or, when that minute is missing from the feed, with
 * the first bar after it. When it closes, it is a spike if
 *   volume ≥ spike_multiple × mean volume of the previous lookback_bars aggregated bars of the same
 *   session, and |close − open| / open ≥ min_move_pct.
 * The window never reaches into the previous session, so the opening auction is never compared
 * with yesterday's afternoon, and no spike is possible in a session's first lookback_bars bars.
 *
 * At a cycle, the latest spike of the cycle's session closed since the previous cycle gives BUY
 * (move up: long call) or SELL (move down: long put), with
 *   confidence = 0.5 + 0.25·min(1, ratio / spike_multiple − 1) + 0.25·min(1, |move| / min_move_pct − 1)
 * (0.5 at the thresholds, 1 at twice both). A signal starts the cooldown: the rest of its
 * session and the next cooldown_sessions sessions answer HOLD (session ordinals count sessions,
 * so weekends and holidays do not use it up).
 */
export function whaleStrategy(settings: WhaleSettings): Strategy<WhaleState> {
  const p = settings;
  const size = p.bar_minutes * MINUTE_MS;
  const label = `${p.bar_minutes}-minute`;

  function closeBucket(s: WhaleState): void {
    const move = (s.close - s.open) / s.open;
    if (s.filled === p.lookback_bars) {
      let sum = 0;
      for (let k = 0; k < p.lookback_bars; k++) sum += s.volumes[(s.head + k) % p.lookback_bars]!;
      const mean = sum / p.lookback_bars;
      s.measured = true;
      s.lastRatio = mean > 0 ? s.volume / mean : 0;
      s.lastMove = move;
      if (mean > 0 && s.volume >= p.spike_multiple * mean && Math.abs(move) >= p.min_move_pct) {
        s.spike = { ts: s.bucketStart, session: s.session, volume: s.volume, meanVolume: mean, move };
      }
    } else {
      s.filled++;
    }
    s.volumes[s.head] = s.volume;
    s.head = (s.head + 1) % p.lookback_bars;
    s.bucketBars = 0;
  }

  return {
    name: 'whale',

    initialState: (symbol) => ({
      ...barFeed(symbol),
      session: NO_SESSION,
      bucketStart: 0,
      bucketBars: 0,
      open: 0,
      close: 0,
      volume: 0,
      volumes: new Array<number>(p.lookback_bars).fill(0),
      head: 0,
      filled: 0,
      measured: false,
      lastRatio: 0,
      lastMove: 0,
      spike: null,
      fired: null,
    }),

    onBarClosed(s: WhaleState, bar: Bar, session: SessionRef): void {
      feedBar(s, bar);
      if (s.session !== session.ordinal) {
        s.session = session.ordinal;
        s.bucketBars = 0;
        s.head = 0;
        s.filled = 0;
        s.measured = false;
      }
      // Floor division, not `%`: epoch ms exceed int32, and a double `%` is a slow library call per bar.
      const start = Math.floor(bar.ts / size) * size;
      if (s.bucketBars > 0 && start !== s.bucketStart) closeBucket(s);
      if (s.bucketBars === 0) {
        s.bucketStart = start;
        s.open = bar.open;
        s.volume = 0;
      }
      s.bucketBars++;
      s.close = bar.close;
      s.volume += bar.volume;
      if (bar.ts + MINUTE_MS === start + size) closeBucket(s);
    },

    evaluate(s: WhaleState, at: EpochMs, session: SessionRef): Signal {
      assertClosedBy(s, at);
      const spike = s.spike;
      s.spike = null;
      const signal = (action: Signal['action'], confidence: number, rule: WhaleRule, facts: number[]): Signal => ({
        ts: at,
        symbol: s.symbol,
        strategy: 'whale',
        action,
        confidence,
        rule,
        facts,
      });
      if (s.fired !== null && session.ordinal - s.fired.ordinal <= p.cooldown_sessions) {
        return signal('HOLD', 0, 'cooldown', [dateAsNumber(s.fired.date), p.cooldown_sessions - (session.ordinal - s.fired.ordinal)]);
      }
      if (spike === null || spike.session !== session.ordinal) {
        if (s.session !== session.ordinal || !s.measured) {
          return signal('HOLD', 0, 'insufficient-history', [s.session === session.ordinal ? s.filled : 0]);
        }
        return signal('HOLD', 0, 'no-spike', [s.lastRatio, s.lastMove]);
      }
      const ratio = spike.volume / spike.meanVolume;
      const confidence = 0.5 + 0.25 * Math.min(1, ratio / p.spike_multiple - 1) + 0.25 * Math.min(1, Math.abs(spike.move) / p.min_move_pct - 1);
      const action = spike.move > 0 ? 'BUY' : 'SELL';
      s.fired = { ordinal: session.ordinal, date: session.date, ts: at };
      return signal(action, confidence, 'spike', [spike.ts, spike.volume, spike.meanVolume, spike.move]);
    },

    explain({ rule, facts, confidence }: Signal): string[] {
      const [a = NaN, b = NaN, c = NaN, d = NaN] = facts;
      switch (rule) {
        case 'cooldown':
          return [`cooldown after the whale signal of ${dateFromNumber(a)}: ${b === 0 ? 'ends with this session' : `this session and ${b} more`}`];
        case 'insufficient-history':
          return [`insufficient history: a spike needs ${p.lookback_bars} closed ${label} bars of its session before it, ${a} so far`];
        case 'no-spike':
          return [`no spike: last ${label} bar volume ${a.toFixed(2)}× its ${p.lookback_bars}-bar mean (needs ${p.spike_multiple}×), move ${pct(b)} (needs ±${pct(p.min_move_pct)})`];
        default:
          return [
            `${label} bar ${isoUtc(a)}: volume ${b} = ${(b / c).toFixed(2)}× its ${p.lookback_bars}-bar mean ${c.toFixed(0)}`,
            `move ${pct(d)} ${d > 0 ? 'up: long call' : 'down: long put'}`,
            `confidence ${confidence.toFixed(3)}; no whale signal for the rest of this session and ${p.cooldown_sessions} more`,
          ];
      }
    },
  };
}

/** Display only. */
const pct = (x: number): string => `${(x * 100).toFixed(3)} %`;
