import type { Bar } from '../core/bar.js';
import type { Action, Signal } from '../core/signal.js';
import { dateAsNumber, dateFromNumber, type EpochMs } from '../core/time.js';
import type { Settings } from '../config/schema.js';
import { assertClosedBy, barFeed, feedBar, type BarFeed } from './bar-feed.js';
import { atrCreate, atrUpdate, atrValue, type AtrState } from './indicators/atr.js';
import { emaCreate, emaUpdate, emaValue, type EmaState } from './indicators/ema.js';
import { rsiCreate, rsiUpdate, rsiValue, type RsiState } from './indicators/rsi.js';
import { vwapCreate, vwapUpdate, vwapValue, type VwapState } from './indicators/vwap.js';
import type { SessionRef, Strategy } from './strategy.js';

export type ScalpSettings = Settings['strategy']['scalp'];

/**
 * The scalp rule that decided a signal, and its facts:
 * - `insufficient-bars`: [closed bars];
 * - `no-vwap`: [session date as yyyymmdd];
 * - `no-rule`: [EMA fast, EMA slow, close, VWAP, RSI, ATR];
 * - `below-min-confidence` and `entry`: those six, then [trend, distance, momentum, +1 BUY / −1 SELL].
 */
export type ScalpRule = 'insufficient-bars' | 'no-vwap' | 'no-rule' | 'below-min-confidence' | 'entry';

export interface ScalpState extends BarFeed {
  lastClose: number;
  emaFast: EmaState;
  emaSlow: EmaState;
  rsi: RsiState;
  atr: AtrState;
  vwap: VwapState;
}

/**
 * Scalp rules on closed 1-minute bars. EMAs, RSI and ATR run continuously across sessions (as on
 * a continuous 1-minute chart); VWAP restarts each session.
 *
 * The rule, at a cycle, with c the last close:
 * - fewer than max(min_bars, ema_slow, rsi_length + 1, atr_length) closed bars → HOLD
 *   "insufficient bars" (every indicator is seeded by then);
 * - no bar of the cycle's session yet → HOLD (VWAP is undefined);
 * - BUY  (long call) when EMA_fast > EMA_slow and c > VWAP and RSI < rsi_buy_max;
 * - SELL (long put)  when EMA_fast < EMA_slow and c < VWAP and RSI > rsi_sell_min;
 * - otherwise HOLD.
 *
 * Confidence of a BUY or SELL, the mean of three parts in 0..1:
 *   trend    = min(1, |EMA_fast − EMA_slow| / ATR)
 *   distance = min(1, |c − VWAP| / ATR)
 *   momentum = (RSI − rsi_sell_min) / (rsi_buy_max − rsi_sell_min) for BUY,
 *              (rsi_buy_max − RSI) / (rsi_buy_max − rsi_sell_min) for SELL, clamped to 0..1
 * (a part whose ATR is 0 counts 1: the difference is non-zero by the rule). Below min_confidence
 * the answer is HOLD, carrying that confidence so reports can show near misses; other HOLDs
 * have confidence 0.
 */
export function scalpStrategy(settings: ScalpSettings): Strategy<ScalpState> {
  const p = settings;
  const required = Math.max(p.min_bars, p.ema_slow, p.rsi_length + 1, p.atr_length);
  const band = p.rsi_buy_max - p.rsi_sell_min;
  const fast = `EMA${p.ema_fast}`;
  const slow = `EMA${p.ema_slow}`;
  const rsiName = `RSI${p.rsi_length}`;

  return {
    name: 'scalp',

    initialState: (symbol) => ({
      ...barFeed(symbol),
      lastClose: 0,
      emaFast: emaCreate(p.ema_fast, p.ema_seed),
      emaSlow: emaCreate(p.ema_slow, p.ema_seed),
      rsi: rsiCreate(p.rsi_length),
      atr: atrCreate(p.atr_length),
      vwap: vwapCreate(),
    }),

    onBarClosed(s: ScalpState, bar: Bar, session: SessionRef): void {
      feedBar(s, bar);
      s.lastClose = bar.close;
      emaUpdate(s.emaFast, bar.close);
      emaUpdate(s.emaSlow, bar.close);
      rsiUpdate(s.rsi, bar.close);
      atrUpdate(s.atr, bar.high, bar.low, bar.close);
      vwapUpdate(s.vwap, session.ordinal, bar.high, bar.low, bar.close, bar.volume);
    },

    evaluate(s: ScalpState, at: EpochMs, session: SessionRef): Signal {
      assertClosedBy(s, at);
      const signal = (action: Action, confidence: number, rule: ScalpRule, facts: number[]): Signal => ({
        ts: at,
        symbol: s.symbol,
        strategy: 'scalp',
        action,
        confidence,
        rule,
        facts,
      });
      if (s.bars < required) return signal('HOLD', 0, 'insufficient-bars', [s.bars]);
      const vwap = vwapValue(s.vwap, session.ordinal);
      if (Number.isNaN(vwap)) return signal('HOLD', 0, 'no-vwap', [dateAsNumber(session.date)]);

      const f = emaValue(s.emaFast);
      const sl = emaValue(s.emaSlow);
      const rsi = rsiValue(s.rsi);
      const atr = atrValue(s.atr);
      const c = s.lastClose;
      const action: Action =
        f > sl && c > vwap && rsi < p.rsi_buy_max ? 'BUY' : f < sl && c < vwap && rsi > p.rsi_sell_min ? 'SELL' : 'HOLD';
      if (action === 'HOLD') return signal('HOLD', 0, 'no-rule', [f, sl, c, vwap, rsi, atr]);

      const trend = inAtrs(Math.abs(f - sl), atr);
      const distance = inAtrs(Math.abs(c - vwap), atr);
      const momentum = clamp01((action === 'BUY' ? rsi - p.rsi_sell_min : p.rsi_buy_max - rsi) / band);
      const confidence = (trend + distance + momentum) / 3;
      const facts = [f, sl, c, vwap, rsi, atr, trend, distance, momentum, action === 'BUY' ? 1 : -1];
      if (confidence < p.min_confidence) return signal('HOLD', confidence, 'below-min-confidence', facts);
      return signal(action, confidence, 'entry', facts);
    },

    explain({ rule, facts, confidence }: Signal): string[] {
      const [a = NaN, b = NaN, c = NaN, d = NaN, rsi = NaN, atr = NaN, trend = NaN, distance = NaN, momentum = NaN, side = 0] = facts;
      if (rule === 'insufficient-bars') return [`insufficient bars: ${a} closed 1-minute bars, need ${required}`];
      if (rule === 'no-vwap') return [`no traded bar of the ${dateFromNumber(a)} session yet: VWAP undefined`];
      const [f, sl, close, vwap] = [a, b, c, d];
      const described = [
        `${fast} ${num(f)} ${f > sl ? '>' : f < sl ? '<' : '='} ${slow} ${num(sl)} (${num(Math.abs(f - sl) / atr, 2)} ATR)`,
        `close ${num(close)} ${close > vwap ? '>' : close < vwap ? '<' : '='} VWAP ${num(vwap)} (${num(Math.abs(close - vwap) / atr, 2)} ATR)`,
        `${rsiName} ${num(rsi, 2)} (buy below ${p.rsi_buy_max}, sell above ${p.rsi_sell_min})`,
      ];
      if (rule === 'no-rule') return [...described, 'no rule matched'];
      const action = side > 0 ? 'BUY' : 'SELL';
      const formula = `confidence ${num(confidence, 3)} = mean(trend ${num(trend, 3)}, distance ${num(distance, 3)}, momentum ${num(momentum, 3)})`;
      if (rule === 'below-min-confidence') return [...described, `${action} rule matched but ${formula} is below min_confidence ${p.min_confidence}`];
      return [...described, action === 'BUY' ? 'uptrend above VWAP: long call' : 'downtrend below VWAP: long put', formula];
    },
  };
}

/** A positive distance in ATRs, capped at 1; a flat tape (ATR 0) counts as a full ATR. */
const inAtrs = (d: number, atr: number): number => (atr > 0 ? Math.min(1, d / atr) : 1);

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/** Display only: reasons are text; decisions use the exact numbers. */
const num = (x: number, digits = 4): string => (Number.isFinite(x) ? x.toFixed(digits) : String(x));
