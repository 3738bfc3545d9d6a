import type { Statistics } from '../stats/statistics.js';

/** A run's statistics without the per-session list: what a sweep keeps per variant. */
export type Figures = Omit<Statistics, 'daily'>;

type NumericFigure = Exclude<keyof Figures, 'maxDrawdownRecovered'>;

/** Every numeric figure and its DuckDB column (DOUBLE, so NaN and ±Infinity survive the round trip). */
export const NUMERIC_FIGURES: readonly [NumericFigure, string][] = [
  ['initialEquity', 'initial_equity'],
  ['finalEquity', 'final_equity'],
  ['totalReturn', 'total_return'],
  ['annualizedReturn', 'annualized_return'],
  ['sessions', 'sessions'],
  ['sharpe', 'sharpe'],
  ['sortino', 'sortino'],
  ['maxDrawdown', 'max_drawdown'],
  ['maxDrawdownSessions', 'max_drawdown_sessions'],
  ['maxDrawdownDays', 'max_drawdown_days'],
  ['trades', 'trades'],
  ['winRate', 'win_rate'],
  ['profitFactor', 'profit_factor'],
  ['expectancy', 'expectancy'],
  ['averageWin', 'average_win'],
  ['averageLoss', 'average_loss'],
  ['exposure', 'exposure'],
  ['tradesPerDay', 'trades_per_day'],
  ['feesPaid', 'fees_paid'],
];

/** Column definitions of the figures, for CREATE TABLE. */
export const FIGURE_COLUMNS_SQL = [...NUMERIC_FIGURES.map(([, c]) => `${c} DOUBLE NOT NULL`), 'max_drawdown_recovered BOOLEAN NOT NULL'].join(', ');
export const FIGURE_COLUMN_NAMES = [...NUMERIC_FIGURES.map(([, c]) => c), 'max_drawdown_recovered'];

export function figuresOf(s: Statistics): Figures {
  const { daily: _daily, ...figures } = s;
  return figures;
}

/** Figures from a row's values in FIGURE_COLUMN_NAMES order. */
export function figuresFromRow(values: readonly unknown[]): Figures {
  const f = { maxDrawdownRecovered: Boolean(values[NUMERIC_FIGURES.length]) } as Figures;
  NUMERIC_FIGURES.forEach(([key], i) => (f[key] = Number(values[i])));
  return f;
}
