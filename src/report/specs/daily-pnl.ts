import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG, chartHead, COLORS, dayTooltip, dayX, pnlTooltip } from './theme.js';

const pnlColor = { condition: { test: 'datum.pnl >= 0', value: COLORS.win }, value: COLORS.loss };

/** Daily P&L as bars. Dataset rows: date (UTC midnight of the New York trading date), pnl. */
export function dailyPnlSpec(dataset: string): TopLevelSpec {
  return {
    ...chartHead(dataset, 160),
    mark: { type: 'bar' },
    encoding: {
      x: dayX,
      y: { field: 'pnl', type: 'quantitative', title: 'daily P&L $' },
      color: pnlColor,
      tooltip: [dayTooltip, pnlTooltip],
    },
  };
}

/**
 * The same days as a calendar: one column per week, one row per weekday, colour = P&L on a
 * diverging scale centred on zero. Rows also carry `week` (UTC midnight of that week's Monday).
 */
export function calendarSpec(dataset: string): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    data: { name: dataset },
    mark: { type: 'rect', cornerRadius: 2, stroke: '#fff', strokeWidth: 1.5 },
    width: { step: 16 },
    height: { step: 16 },
    encoding: {
      x: {
        field: 'week',
        type: 'ordinal',
        title: null,
        axis: { labelExpr: "utcdate(datum.value) <= 7 ? utcFormat(datum.value, '%b %Y') : ''", labelAngle: 0, labelAlign: 'left', ticks: false, domain: false, labelOverlap: false },
      },
      y: {
        field: 'date',
        type: 'ordinal',
        timeUnit: 'utcday',
        title: null,
        sort: [1, 2, 3, 4, 5, 6, 0],
        axis: { format: '%a', ticks: false, domain: false },
      },
      color: { field: 'pnl', type: 'quantitative', title: 'P&L $', scale: { domainMid: 0, range: [COLORS.loss, '#f7f7f7', COLORS.win] } },
      tooltip: [dayTooltip, pnlTooltip],
    },
  };
}
