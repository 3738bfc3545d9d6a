import type { Settings } from '../config/schema.js';
import type { Action, Signal } from '../core/signal.js';
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

/**
 * What one strategy's `evaluate` returned, in call order: the cycle, the action and the
 * confidence. A signal's rule and facts serve the journal alone (the engine words them into the
 * orders it journals; trades carry none), and a sweep journals neither signals nor orders, so
 * they are not kept: keeping a year of whole signals alive cost more than computing them
 * (recording them took 2.3× a plain run when they carried text, mostly garbage collection).
 */
export interface SignalTrack {
  at: EpochMs[];
  action: Action[];
  confidence: number[];
}

export const emptyTrack = (): SignalTrack => ({ at: [], action: [], confidence: [] });

/** The strategy as it is, recording into `track` every signal it gives. */
export function recordingStrategy<S>(strategy: Strategy<S>, track: SignalTrack): Strategy<S> {
  return {
    name: strategy.name,
    initialState: (symbol) => strategy.initialState(symbol),
    onBarClosed: (state, bar, session) => strategy.onBarClosed(state, bar, session),
    evaluate(state, at, session) {
      const signal = strategy.evaluate(state, at, session);
      track.at.push(at);
      track.action.push(signal.action);
      track.confidence.push(signal.confidence);
      return signal;
    },
    explain: (signal) => strategy.explain(signal),
  };
}

/** The rule of a replayed signal: its action and confidence are the recorded ones, its facts are not kept. */
export const REPLAYED = 'replayed';

/** Cursor of a replayed strategy: plain data, as the Strategy contract asks of a state. */
interface ReplayState {
  symbol: string;
  next: number;
}

/**
 * A strategy that replays a recorded track: no indicator is updated, each `evaluate` returns the
 * recorded action and confidence at the cycle, without facts. A call at another cycle than
 * recorded means the key missed a setting the signals depend on, which is a bug: it throws
 * rather than hand out a wrong signal.
 */
export function replayingStrategy(name: string, track: SignalTrack): Strategy<ReplayState> {
  return {
    name,
    initialState: (symbol) => ({ symbol, next: 0 }),
    onBarClosed: () => {},
    evaluate(state, at): Signal {
      const i = state.next++;
      if (track.at[i] !== at) throw new Error(`signal track of ${name}: evaluate at ${at} where the recording had ${track.at[i] ?? 'no call'} (call ${i})`);
      return { ts: at, symbol: state.symbol, strategy: name, action: track.action[i]!, confidence: track.confidence[i]!, rule: REPLAYED, facts: [] };
    },
    explain: () => ['replayed from the signals a sweep recorded for this strategy: the facts behind them were not kept'],
  };
}
