import type { TopLevelSpec } from 'vega-lite';
import { HEATMAP_MODE_LABELS, type HeatmapMode } from '../sweep-data.js';
import { CHART_CONFIG } from './theme.js';

/**
 * The objective over two swept parameters (cells of sweep-data's heatmapTable). Two drop-downs
 * choose the pair and how the other parameters are treated; each cell prints its value.
 */
export function sweepHeatmapSpec(dataset: string, pairs: readonly string[], objective: string): TopLevelSpec {
  const modes = Object.keys(HEATMAP_MODE_LABELS) as HeatmapMode[];
  const encodeXY = {
    x: { field: 'x', type: 'ordinal' as const, sort: { field: 'xo', op: 'min' as const }, title: 'first parameter of the pair', axis: { labelAngle: 0 } },
    y: { field: 'y', type: 'ordinal' as const, sort: { field: 'yo', op: 'min' as const, order: 'descending' as const }, title: 'second parameter' },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    data: { name: dataset },
    width: 560,
    height: 360,
    params: [
      { name: 'pair', value: pairs[0], bind: { input: 'select', options: [...pairs], name: 'parameters (x × y) ' } },
      { name: 'others', value: 'best', bind: { input: 'select', options: modes, labels: modes.map((m) => HEATMAP_MODE_LABELS[m]), name: 'other parameters ' } },
    ],
    transform: [{ filter: 'datum.pair === pair && datum.mode === others' }],
    layer: [
      {
        mark: { type: 'rect', stroke: '#fff', strokeWidth: 1 },
        encoding: {
          ...encodeXY,
          color: { field: 'v', type: 'quantitative', title: objective, scale: { scheme: 'redyellowgreen', domainMid: 0 } },
          tooltip: [
            { field: 'x', title: 'x' },
            { field: 'y', title: 'y' },
            { field: 'v', title: objective, format: '.4f' },
          ],
        },
      },
      {
        mark: { type: 'text', fontSize: 10, color: '#1a202c' },
        encoding: { ...encodeXY, text: { field: 'v', type: 'quantitative', format: '.2f' } },
      },
    ],
  };
}
