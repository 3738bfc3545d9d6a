import type { Bar } from '../core/bar.js';
import type { Signal } from '../core/signal.js';
import type { EpochMs, TradingDate } from '../core/time.js';

/**
 * The session a bar or a cycle belongs to, as the engine's calendar tells it. The strategy never
 * imports the calendar: the engine passes this with every call.
 */
export interface SessionRef {
  date: TradingDate;
  /** `calendar.sessionOrdinal(date)`: consecutive sessions have consecutive ordinals, weekends and holidays skipped. */
  ordinal: number;
}

/**
 * The strategy seam: state + closed bar → signal. Scalp and whale rules implement it, and so can a
 * user's strategy (register it in ./registry.ts; the engine needs no change).
 *
 * Contract:
 * - `initialState` returns plain JSON data: live persists it with JSON.stringify and restores it
 *   with JSON.parse, and the restored state continues exactly like the original (no NaN, no
 *   Infinity, no class instances, no typed arrays in it).
 * - `onBarClosed` receives every closed 1-minute bar of the symbol once, in time order, and must
 *   not allocate per bar (the backtester calls it millions of times a second). It keeps no
 *   reference to `bar` or `session`, so the caller may reuse one object for every call.
 * - `evaluate` runs at a cycle: it sees only the bars fed so far, all of which closed at or
 *   before `at` (a bar fed from the future is a caller error and throws). It may update the
 *   state (a whale's cooldown), so it must be called at the same cycles in every mode.
 * - `explain` turns a signal of this strategy (its `rule` and `facts`) into reasons in plain words,
 *   exactly as the strategy means them; it is called when a person reads the signal, never per
 *   cycle, so `evaluate` formats no text.
 * - Everything is synchronous and deterministic: no clock, no I/O, no randomness.
 */
export interface Strategy<S = unknown> {
  readonly name: string;
  initialState(symbol: string): S;
  onBarClosed(state: S, bar: Bar, session: SessionRef): void;
  evaluate(state: S, at: EpochMs, session: SessionRef): Signal;
  explain(signal: Signal): string[];
}
