import type { Strategy } from '../strategy/strategy.js';

/**
 * The strategies, each wrapped so that an `evaluate` that changes its state (a whale's spike
 * consumed, a cooldown started) calls `changed`: the run loop then saves the state, so a cooldown
 * survives a restart. Bars change indicator states every minute and are not watched: the saved
 * state is always a whole snapshot, and what changed since is stepped again after a restart.
 * States are plain JSON by the strategy contract, so comparing their text is exact.
 */
export function watchEvaluations(strategies: readonly Strategy[], changed: () => void): Strategy[] {
  return strategies.map((s) => ({
    name: s.name,
    initialState: (symbol) => s.initialState(symbol),
    onBarClosed: (state, bar, session) => s.onBarClosed(state, bar, session),
    evaluate: (state, at, session) => {
      const before = JSON.stringify(state);
      const signal = s.evaluate(state, at, session);
      if (JSON.stringify(state) !== before) changed();
      return signal;
    },
    explain: (signal) => s.explain(signal),
  }));
}
