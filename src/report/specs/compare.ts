import type { TopLevelSpec } from 'vega-lite';
import { chartHead, dayTooltip, dayX, pnlTooltip, timeTooltip, timeX } from './theme.js';

/** Run A and run B, the same two colours in every comparison chart. */
const RUN_COLORS = { domain: ['A', 'B'], range: ['#2b6cb0', '#dd6b20'] };

/** Both runs' equity on one time axis. Dataset rows: ts, equity, run ('A' | 'B'). */
export function compareEquitySpec(dataset: string): TopLevelSpec {
  return {
    ...chartHead(dataset, 220),
    mark: { type: 'line', strokeWidth: 1.3 },
    encoding: {
      x: timeX('ts', 'New York time'),
      y: { field: 'equity', type: 'quantitative', scale: { zero: false }, title: 'equity $' },
      color: { field: 'run', type: 'nominal', scale: RUN_COLORS, title: 'run' },
      tooltip: [{ field: 'run' }, timeTooltip('ts', 'time'), { field: 'equity', title: 'equity $', format: ',.2f' }],
    },
  };
}

/** Daily P&L of both runs side by side per day. Dataset rows: date (UTC midnight of the trading date), pnl, run. */
export function compareDailySpec(dataset: string): TopLevelSpec {
  return {
    ...chartHead(dataset, 160),
    mark: { type: 'bar' },
    encoding: {
      x: dayX,
      xOffset: { field: 'run', type: 'nominal', scale: { domain: RUN_COLORS.domain } },
      y: { field: 'pnl', type: 'quantitative', title: 'daily P&L $' },
      color: { field: 'run', type: 'nominal', scale: RUN_COLORS, title: 'run' },
      tooltip: [{ field: 'run' }, dayTooltip, pnlTooltip],
    },
  };
}
