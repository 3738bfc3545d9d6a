import type { Action, Signal } from '../../src/core/signal.js';
import type { EpochMs } from '../../src/core/time.js';
import type { Strategy } from '../../src/strategy/strategy.js';

/** A strategy that says exactly what a scenario scripts: `action` at the given cycle times, HOLD otherwise. */
export function scriptedStrategy(script: ReadonlyMap<EpochMs, Action>, confidence = 0.9): Strategy<{ symbol: string }> {
  return {
    name: 'scripted',
    initialState: (symbol) => ({ symbol }),
    onBarClosed: () => {},
    evaluate: (state, at): Signal => {
      const action = script.get(at) ?? 'HOLD';
      return { ts: at, symbol: state.symbol, strategy: 'scripted', action, confidence: action === 'HOLD' ? 0 : confidence, rule: 'scripted', facts: [] };
    },
    explain: (signal) => [`scripted ${signal.action}`],
  };
}
