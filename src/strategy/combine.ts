import type { Signal } from '../core/signal.js';
import type { Strategy } from './strategy.js';

/** A cycle's decision: the winning BUY/SELL and the lower-precedence BUY/SELLs it overrode. */
export interface CycleDecision {
  signal: Signal;
  overridden: Signal[];
}

/**
 * Combines the signals of one cycle, given in precedence order (createStrategies puts whale
 * before scalp): the first BUY or SELL wins as it is, noting any lower-precedence BUY/SELL it
 * overrode; null when all HOLD.
 */
export function combineSignals(signals: readonly Signal[]): CycleDecision | null {
  const winner = signals.find((s) => s.action !== 'HOLD');
  if (winner === undefined) return null;
  return { signal: winner, overridden: signals.filter((s) => s !== winner && s.action !== 'HOLD') };
}

/** Turns any strategy's signal into words: the explain of the strategy that spoke. */
export type SignalExplainer = (signal: Signal) => string[];

/**
 * The explainer of a set of strategies. A signal of a strategy not in the set (a journal written
 * with another strategy list) is shown as its rule and facts rather than lost.
 */
export function signalExplainer(strategies: readonly Strategy[]): SignalExplainer {
  const byName = new Map(strategies.map((s) => [s.name, s]));
  return (signal) => byName.get(signal.strategy)?.explain(signal) ?? [`${signal.rule} (${signal.facts.join(', ')})`];
}

/** A decision's reasons: the winner's, then a note per signal it took precedence over. */
export function explainDecision(d: CycleDecision, explain: SignalExplainer): string[] {
  return [...explain(d.signal), ...d.overridden.map((s) => `takes precedence over ${s.strategy} ${s.action} (confidence ${s.confidence.toFixed(3)})`)];
}
