import { z } from 'zod';
import { fraction, positiveInt, section } from '../fields.js';

/** RSI/EMA scalp thresholds, evaluated on closed 1-minute bars. */
export const scalpSettings = section({
  enabled: z.boolean().default(true),
  ema_fast: positiveInt().default(9),
  ema_slow: positiveInt().default(21),
  rsi_length: positiveInt().default(14),
  rsi_buy_max: z.number().min(0).max(100, { error: 'must be between 0 and 100' }).default(70),
  rsi_sell_min: z.number().min(0).max(100, { error: 'must be between 0 and 100' }).default(30),
  /** Below this many closed bars the rules answer HOLD with "insufficient bars". */
  min_bars: positiveInt().default(30),
  min_confidence: fraction().default(0.6),
});

/** Slower, higher-conviction volume-spike signals with a per-symbol cooldown. */
export const whaleSettings = section({
  enabled: z.boolean().default(true),
  cooldown_sessions: positiveInt().default(3),
});

export const strategySettings = section({
  scalp: scalpSettings,
  whale: whaleSettings,
});
