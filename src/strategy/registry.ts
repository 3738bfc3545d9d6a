import type { Settings } from '../config/schema.js';
import { scalpStrategy } from './scalp.js';
import type { Strategy } from './strategy.js';
import { whaleStrategy } from './whale.js';

/** Builds a strategy from the settings, or null when the settings switch it off. */
export type StrategyFactory = (settings: Settings) => Strategy | null;

/**
 * The strategies the bot runs, in precedence order: when several speak at one cycle, the first
 * BUY/SELL wins (./combine.ts), so a whale signal takes precedence over a scalp signal. To add a
 * strategy, implement `Strategy` in a file of its own and append its factory here; the engine
 * only ever calls `createStrategies`.
 */
export const BUILT_IN_STRATEGIES: readonly StrategyFactory[] = [
  (s) => (s.strategy.whale.enabled ? whaleStrategy(s.strategy.whale) : null),
  (s) => (s.strategy.scalp.enabled ? scalpStrategy(s.strategy.scalp) : null),
];

/** The enabled strategies, in precedence order. Names must differ: they key persisted states and explain journalled signals. */
export function createStrategies(settings: Settings, factories: readonly StrategyFactory[] = BUILT_IN_STRATEGIES): Strategy[] {
  const strategies = factories.map((f) => f(settings)).filter((s): s is Strategy => s !== null);
  const names = strategies.map((s) => s.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate !== undefined) throw new Error(`two strategies are named "${duplicate}": names key the persisted state and the journal`);
  return strategies;
}
