import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG, CHART_WIDTH, COLORS, timeTooltip, timeX } from './theme.js';

/**
 * Equity (each bucket's min–max band and its last value) with the drawdown from the running peak
 * below it on the same time axis. The dataset holds buckets: ts, low, high, last, dd (deepest, ≤ 0).
 */
export function equitySpec(dataset: string): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    data: { name: dataset },
    spacing: 6,
    vconcat: [
      {
        width: CHART_WIDTH,
        height: 220,
        layer: [
          {
            mark: { type: 'area', color: COLORS.equity, opacity: 0.2 },
            encoding: { x: timeX('ts'), y: { field: 'low', type: 'quantitative', scale: { zero: false }, title: 'equity $' }, y2: { field: 'high' } },
          },
          {
            mark: { type: 'line', color: COLORS.equity, strokeWidth: 1.2 },
            encoding: {
              x: timeX('ts'),
              y: { field: 'last', type: 'quantitative' },
              tooltip: [timeTooltip('ts', 'time'), { field: 'last', title: 'equity $', format: ',.2f' }, { field: 'dd', title: 'drawdown', format: '.2%' }],
            },
          },
        ],
      },
      {
        width: CHART_WIDTH,
        height: 90,
        mark: { type: 'area', color: COLORS.drawdown, opacity: 0.6, line: { color: COLORS.drawdown, strokeWidth: 0.8 } },
        encoding: {
          x: timeX('ts', 'New York time'),
          y: { field: 'dd', type: 'quantitative', title: 'drawdown', axis: { format: '.0%' } },
          tooltip: [timeTooltip('ts', 'time'), { field: 'dd', title: 'drawdown', format: '.2%' }],
        },
      },
    ],
  };
}
