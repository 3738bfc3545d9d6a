import type { Settings } from '../config/schema.js';
import type { Signal } from '../core/signal.js';
import type { EpochMs } from '../core/time.js';
import type { Strategy } from '../strategy/strategy.js';

/**
 * What decides the signals of a backtest over given bars: the strategies' settings (the built-in
 * factories read `strategy` only), the cycle schedule (when `evaluate` is called) and the symbols
 * (which books exist). Risk, execution and the simulated fills never reach a strategy, and the
 * engine evaluates every cycle whatever its positions, so variants with equal keys over the same
 * bars see the very same signals at the very same cycles.
 */
export const signalKeyOf = (settings: Settings, from: number, to: number): string =>
  JSON.stringify([settings.strategy, settings.schedule, settings.symbols, from, to]);

/** What each strategy's `evaluate` returned, in call order, with the cycle it was called at. */
export interface SignalTape {
  at: EpochMs[][];
  signals: Signal[][];
}

/**
 * The strategies as they are, recording into `tape` every signal they give. Signals are frozen:
 * replays hand the same objects to other variants, so nothing may change them.
 */
export function recordingStrategies(strategies: readonly Strategy[], tape: SignalTape): Strategy[] {
  tape.at = strategies.map(() => []);
  tape.signals = strategies.map(() => []);
  return strategies.map((s, k) => ({
    name: s.name,
    initialState: (symbol) => s.initialState(symbol),
    onBarClosed: (state, bar, session) => s.onBarClosed(state, bar, session),
    evaluate(state, at, session) {
      const signal = Object.freeze(s.evaluate(state, at, session));
      tape.at[k]!.push(at);
      tape.signals[k]!.push(signal);
      return signal;
    },
  }));
}

/** Cursor of a replayed strategy: plain data, as the Strategy contract asks of a state. */
interface ReplayState {
  next: number;
}

/**
 * Strategies that replay a recorded tape: no indicator is updated, each `evaluate` returns the
 * recorded signal. A call at another cycle than recorded means the key missed a setting the
 * signals depend on, which is a bug: it throws rather than hand out a wrong signal.
 */
export function replayingStrategies(names: readonly string[], tape: SignalTape): Strategy<ReplayState>[] {
  return names.map((name, k) => ({
    name,
    initialState: () => ({ next: 0 }),
    onBarClosed: () => {},
    evaluate(state, at) {
      const i = state.next++;
      if (tape.at[k]![i] !== at) throw new Error(`signal tape of ${name}: evaluate at ${at} where the recording had ${tape.at[k]![i] ?? 'no call'} (call ${i})`);
      return tape.signals[k]![i]!;
    },
  }));
}
