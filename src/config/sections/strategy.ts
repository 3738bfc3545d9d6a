import { z } from 'zod';
import { fraction, positiveFraction, positiveInt, section } from '../fields.js';

const rsiLevel = () =>
  z.number({ error: 'must be a number' }).min(0, { error: 'must be between 0 and 100' }).max(100, { error: 'must be between 0 and 100' });

/**
 * RSI/EMA/VWAP scalp thresholds, evaluated on closed 1-minute bars. The rule and the confidence
 * formula are in src/strategy/scalp.ts.
 */
export const scalpSettings = z
  .strictObject({
    enabled: z.boolean().default(true),
    ema_fast: positiveInt().default(9),
    ema_slow: positiveInt().default(21),
    /** "first": the EMA starts at the first close (as trading-signals); "sma": at the mean of the first N closes (as TA-Lib). */
    ema_seed: z.enum(['first', 'sma'], { error: 'must be "first" or "sma"' }).default('first'),
    rsi_length: positiveInt().default(14),
    rsi_buy_max: rsiLevel().default(70),
    rsi_sell_min: rsiLevel().default(30),
    /** The unit of the confidence formula: EMA spread and distance to VWAP are measured in ATRs. */
    atr_length: positiveInt().default(14),
    /** Below this many closed bars the rules answer HOLD with "insufficient bars". */
    min_bars: positiveInt().default(30),
    min_confidence: fraction().default(0.6),
  })
  .superRefine((s, ctx) => {
    if (s.ema_fast >= s.ema_slow) ctx.addIssue({ code: 'custom', path: ['ema_fast'], message: `must be below ema_slow (${s.ema_slow})` });
    if (s.rsi_sell_min >= s.rsi_buy_max) {
      ctx.addIssue({ code: 'custom', path: ['rsi_sell_min'], message: `must be below rsi_buy_max (${s.rsi_buy_max})` });
    }
  })
  .prefault({} as never);

/** Slower, higher-conviction volume-spike signals on aggregated bars, with a per-symbol cooldown. */
export const whaleSettings = section({
  enabled: z.boolean().default(true),
  /** Size of the aggregated bars; divides 30 so bars align with the 09:30 open. */
  bar_minutes: z.union([z.literal(5), z.literal(10), z.literal(15), z.literal(30)], { error: 'must be 5, 10, 15 or 30' }).default(5),
  /** Trailing window, in aggregated bars of the same session, whose mean volume a spike is measured against. */
  lookback_bars: positiveInt().default(12),
  /** A spike's volume is at least this many times the trailing mean. */
  spike_multiple: z.number({ error: 'must be a number' }).gt(1, { error: 'must be > 1' }).default(3),
  /** |close − open| / open of the spike bar, at least this (0.002 = 0.2 %); its sign gives the direction. */
  min_move_pct: positiveFraction().default(0.002),
  /** After a whale signal, the rest of that session and this many following sessions stay quiet. */
  cooldown_sessions: positiveInt().default(3),
});

export const strategySettings = section({
  scalp: scalpSettings,
  whale: whaleSettings,
});
