import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG, COLORS } from './theme.js';

/**
 * The objective against each swept parameter, one small chart per parameter: the min–max band
 * and mean over the variants with that value, and the value with the others at the best's values.
 */
export function sweepSensitivitySpec(dataset: string, objective: string): TopLevelSpec {
  const x = { field: 'label', type: 'ordinal' as const, sort: { field: 'order', op: 'min' as const }, title: null, axis: { labelAngle: 0 } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    data: { name: dataset },
    facet: { field: 'param', type: 'nominal', title: null, header: { labelFontSize: 12, labelFontWeight: 600 } },
    columns: 3,
    resolve: { scale: { x: 'independent' } },
    spec: {
      width: 300,
      height: 170,
      layer: [
        { mark: { type: 'area', color: COLORS.band, opacity: 0.7 }, encoding: { x, y: { field: 'min', type: 'quantitative', title: objective }, y2: { field: 'max' } } },
        {
          mark: { type: 'line', color: COLORS.equity, point: true },
          encoding: {
            x,
            y: { field: 'mean', type: 'quantitative' },
            tooltip: [
              { field: 'label', title: 'value' },
              { field: 'mean', title: 'mean', format: '.4f' },
              { field: 'min', title: 'min', format: '.4f' },
              { field: 'max', title: 'max', format: '.4f' },
              { field: 'best', title: 'others at best', format: '.4f' },
            ],
          },
        },
        { mark: { type: 'point', shape: 'diamond', color: COLORS.win, filled: true, size: 60 }, encoding: { x, y: { field: 'best', type: 'quantitative' } } },
      ],
    },
  };
}
