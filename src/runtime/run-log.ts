import type { Action } from '../core/signal.js';
import type { Logger } from '../logging/logger.js';
import type { Heartbeat } from './heartbeat.js';

/** The one line every cycle logs per symbol. */
export interface CycleLine {
  symbol: string;
  /** Closed 1-minute bars the strategy saw. */
  bars: number;
  signal: Action;
  confidence: number;
  /** What the bot did with the signal, e.g. "enter", "hold", "blocked", "skipped". */
  decision: string;
  /** Why, in plain words (the guard that blocked, "insufficient bars", …). */
  reason?: string;
}

/** `cycle SPY 30 bars BUY 0.72 → enter` plus the same values as fields. */
export function logCycle(log: Logger, c: CycleLine): void {
  const why = c.reason ? ` (${c.reason})` : '';
  log.info('cycle', `${c.symbol} ${c.bars} bars ${c.signal} ${c.confidence.toFixed(2)} → ${c.decision}${why}`, { ...c });
}

/** The periodic heartbeat line: uptime, cycles, last bar's age, connection, memory. */
export function logHeartbeat(log: Logger, hb: Heartbeat): void {
  const lastBarAgeS = hb.last_bar_ts === null ? null : Math.round((hb.ts - hb.last_bar_ts) / 1000);
  const bar = lastBarAgeS === null ? 'no bar yet' : `last bar ${lastBarAgeS} s ago`;
  log.info('heartbeat', `up ${formatDuration(hb.uptime_s)}, ${hb.cycles} cycles, ${bar}, ${hb.connection}, ${hb.rss_mb} MB`, {
    uptime_s: hb.uptime_s,
    cycles: hb.cycles,
    last_bar_age_s: lastBarAgeS,
    connection: hb.connection,
    rss_mb: hb.rss_mb,
    halted: hb.halted,
    positions: hb.positions.length,
  });
}

/** 3725 → "1 h 02 min", 42 → "42 s". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${String(m % 60).padStart(2, '0')} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}
