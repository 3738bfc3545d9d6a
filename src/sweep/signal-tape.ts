import type { Settings } from '../config/schema.js';
import type { Signal } from '../core/signal.js';
import type { EpochMs } from '../core/time.js';
import type { Strategy } from '../strategy/strategy.js';

/*
 * What decides a strategy's signals over given bars: its own settings (a built-in strategy named
 * N reads `strategy.N` alone; another one is keyed on the whole `strategy` section), the cycle
 * schedule (when `evaluate` is called) and the symbols (which books exist). Risk, execution and
 * the simulated fills never reach a strategy, and the engine evaluates every cycle whatever its
 * positions, so variants with equal keys over the same bars get the very same signals at the very
 * same cycles from that strategy.
 */

const ownSettings = (settings: Settings, strategy: string): unknown =>
  Object.hasOwn(settings.strategy, strategy) ? settings.strategy[strategy as keyof Settings['strategy']] : settings.strategy;

/** The key of one strategy's signals. */
export const signalKeyOf = (settings: Settings, strategy: string, from: number, to: number): string =>
  JSON.stringify([strategy, ownSettings(settings, strategy), settings.schedule, settings.symbols, from, to]);

/** The key of all strategies' signals: jobs with equal group keys share every track. */
export const signalGroupOf = (settings: Settings, from: number, to: number): string =>
  JSON.stringify([settings.strategy, settings.schedule, settings.symbols, from, to]);

/** What one strategy's `evaluate` returned, in call order, with the cycle it was called at. */
export interface SignalTrack {
  at: EpochMs[];
  signals: Signal[];
}

/**
 * The strategy as it is, recording into `track` every signal it gives. Signals are frozen:
 * replays hand the same objects to other variants, so nothing may change them.
 */
export function recordingStrategy<S>(strategy: Strategy<S>, track: SignalTrack): Strategy<S> {
  return {
    name: strategy.name,
    initialState: (symbol) => strategy.initialState(symbol),
    onBarClosed: (state, bar, session) => strategy.onBarClosed(state, bar, session),
    evaluate(state, at, session) {
      const signal = Object.freeze(strategy.evaluate(state, at, session));
      track.at.push(at);
      track.signals.push(signal);
      return signal;
    },
  };
}

/** Cursor of a replayed strategy: plain data, as the Strategy contract asks of a state. */
interface ReplayState {
  next: number;
}

/**
 * A strategy that replays a recorded track: no indicator is updated, each `evaluate` returns the
 * recorded signal. A call at another cycle than recorded means the key missed a setting the
 * signals depend on, which is a bug: it throws rather than hand out a wrong signal.
 */
export function replayingStrategy(name: string, track: SignalTrack): Strategy<ReplayState> {
  return {
    name,
    initialState: () => ({ next: 0 }),
    onBarClosed: () => {},
    evaluate(state, at) {
      const i = state.next++;
      if (track.at[i] !== at) throw new Error(`signal track of ${name}: evaluate at ${at} where the recording had ${track.at[i] ?? 'no call'} (call ${i})`);
      return track.signals[i]!;
    },
  };
}
