import type { Statistics } from './statistics.js';

export type Figure = Exclude<keyof Statistics, 'daily'>;
type Format = 'pct' | 'ratio' | 'usd' | 'count' | 'bool';

/** The summary table's rows, in order: label and how the figure is printed (the run report shows the same). */
export const FIGURES: readonly [Figure, string, Format][] = [
  ['initialEquity', 'initial equity', 'usd'],
  ['finalEquity', 'final equity', 'usd'],
  ['totalReturn', 'total return', 'pct'],
  ['annualizedReturn', 'annualised return', 'pct'],
  ['sessions', 'sessions', 'count'],
  ['sharpe', 'Sharpe (daily, √252)', 'ratio'],
  ['sortino', 'Sortino (daily, √252)', 'ratio'],
  ['maxDrawdown', 'max drawdown', 'pct'],
  ['maxDrawdownSessions', 'max drawdown sessions', 'count'],
  ['maxDrawdownDays', 'max drawdown calendar days', 'count'],
  ['maxDrawdownRecovered', 'max drawdown recovered', 'bool'],
  ['trades', 'trades', 'count'],
  ['winRate', 'win rate', 'pct'],
  ['profitFactor', 'profit factor', 'ratio'],
  ['expectancy', 'expectancy per trade', 'usd'],
  ['averageWin', 'average win', 'usd'],
  ['averageLoss', 'average loss', 'usd'],
  ['exposure', 'exposure', 'pct'],
  ['tradesPerDay', 'trades per day', 'ratio'],
  ['feesPaid', 'fees paid', 'usd'],
];

const FORMAT_OF = new Map(FIGURES.map(([k, , f]) => [k, f]));

/** One figure as text: NaN (undefined) as "–", Infinity as "∞", percentages and dollars with 2 decimals. */
export function formatStatistic(figure: Figure, value: number | boolean): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Number.isNaN(value)) return '–';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  switch (FORMAT_OF.get(figure)) {
    case 'pct':
      return `${(value * 100).toFixed(2)} %`;
    case 'usd':
      return `${value < 0 ? '−' : ''}$${Math.abs(value).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    case 'count':
      return String(value);
    default:
      return value.toFixed(2);
  }
}

/** The statistics as [label, text] rows for a summary table. */
export const statisticsRows = (s: Statistics): [string, string][] => FIGURES.map(([k, label]) => [label, formatStatistic(k, s[k])]);
