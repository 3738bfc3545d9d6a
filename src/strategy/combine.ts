import type { Signal } from '../core/signal.js';
import type { Strategy } from './strategy.js';

/**
 * Combines the signals of one cycle, given in precedence order (createStrategies puts whale
 * before scalp): the first BUY or SELL wins as it is, with a note of any lower-precedence
 * BUY/SELL it overrode; when all HOLD, one HOLD carrying every strategy's reasons.
 */
export function combineSignals(signals: readonly Signal[]): Signal {
  const first = signals[0];
  if (first === undefined) throw new Error('combineSignals needs at least one signal');
  const winner = signals.find((s) => s.action !== 'HOLD');
  if (winner === undefined) {
    return {
      ts: first.ts,
      symbol: first.symbol,
      strategy: signals.map((s) => s.strategy).join('+'),
      action: 'HOLD',
      confidence: 0,
      reasons: signals.flatMap((s) => s.reasons.map((r) => `${s.strategy}: ${r}`)),
    };
  }
  const overridden = signals.filter((s) => s !== winner && s.action !== 'HOLD');
  if (overridden.length === 0) return winner;
  const notes = overridden.map((s) => `takes precedence over ${s.strategy} ${s.action} (confidence ${s.confidence.toFixed(3)})`);
  return { ...winner, reasons: [...winner.reasons, ...notes] };
}

/** Per-strategy states of one symbol, keyed by strategy name: plain JSON like each state. */
export type CombinedState = Record<string, unknown>;

/**
 * Several strategies as one: each sees every bar, and a cycle's signal is `combineSignals` of
 * theirs in the given (precedence) order. The engine can hold this single Strategy per symbol.
 */
export function combinedStrategy(strategies: readonly Strategy[]): Strategy<CombinedState> {
  if (strategies.length === 0) throw new Error('combinedStrategy needs at least one strategy');
  const names = strategies.map((s) => s.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate !== undefined) throw new Error(`two strategies are named "${duplicate}": names key the persisted state and the journal`);
  const n = strategies.length;
  return {
    name: names.join('+'),
    initialState: (symbol) => Object.fromEntries(strategies.map((s) => [s.name, s.initialState(symbol)])),
    onBarClosed(state, bar, session) {
      for (let i = 0; i < n; i++) strategies[i]!.onBarClosed(state[names[i]!], bar, session);
    },
    evaluate: (state, at, session) => combineSignals(strategies.map((s) => s.evaluate(state[s.name], at, session))),
  };
}
