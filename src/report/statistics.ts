import { FIGURES, formatStatistic, type Figure } from '../stats/format-statistics.js';
import type { Statistics } from '../stats/statistics.js';
import { escapeHtml } from './escape.js';

/** The figures whose sign is coloured (green above zero, red below). */
const SIGNED: ReadonlySet<Figure> = new Set(['totalReturn', 'annualizedReturn', 'sharpe', 'sortino', 'expectancy']);

export const signClass = (v: number): string => (v > 0 ? 'pos' : v < 0 ? 'neg' : '');

/** Every figure of src/stats, labelled and printed as `optbot backtest` prints its summary. */
export function statisticsGrid(s: Statistics): string {
  const cells = FIGURES.map(([key, label]) => {
    const v = s[key];
    const cls = SIGNED.has(key) && typeof v === 'number' ? signClass(v) : '';
    return `<div class="stat"><div class="k">${escapeHtml(label)}</div><div class="v${cls ? ` ${cls}` : ''}">${escapeHtml(formatStatistic(key, v))}</div></div>`;
  });
  return `<div class="stats">${cells.join('')}</div>`;
}
