import type { Figures } from './figures.js';

/** What a sweep maximises. Every objective is "higher is better" (drawdown is negated). */
export const OBJECTIVES = {
  sharpe: (f: Figures) => f.sharpe,
  sortino: (f: Figures) => f.sortino,
  pnl: (f: Figures) => f.finalEquity - f.initialEquity,
  return: (f: Figures) => f.totalReturn,
  profit_factor: (f: Figures) => f.profitFactor,
  win_rate: (f: Figures) => f.winRate,
  expectancy: (f: Figures) => f.expectancy,
  calmar: (f: Figures) => (f.maxDrawdown > 0 ? f.annualizedReturn / f.maxDrawdown : NaN),
  drawdown: (f: Figures) => -f.maxDrawdown,
} as const satisfies Record<string, (f: Figures) => number>;

export type ObjectiveName = keyof typeof OBJECTIVES;

export const OBJECTIVE_NAMES = Object.keys(OBJECTIVES) as ObjectiveName[];

export const isObjective = (name: string): name is ObjectiveName => Object.hasOwn(OBJECTIVES, name);

export interface Ranked<T> {
  item: T;
  score: number;
}

/**
 * Items best first by `objective`, keeping only those with at least `minTrades` trades. An
 * undefined score (NaN) ranks last; ties keep the input order (variant id), so ranking is deterministic.
 */
export function rank<T>(items: readonly T[], figures: (t: T) => Figures, objective: ObjectiveName, minTrades: number): Ranked<T>[] {
  const score = OBJECTIVES[objective];
  return items
    .filter((t) => figures(t).trades >= minTrades)
    .map((item, order) => ({ item, score: score(figures(item)), order }))
    .sort((a, b) => (Number.isNaN(a.score) ? (Number.isNaN(b.score) ? a.order - b.order : 1) : Number.isNaN(b.score) ? -1 : b.score - a.score || a.order - b.order))
    .map(({ item, score: s }) => ({ item, score: s }));
}
