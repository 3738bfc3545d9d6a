import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG, CHART_WIDTH, COLORS, timeTooltip, timeX } from './theme.js';

/** The top-level parameter holding the focused trade's intent id; the page sets it when a row is clicked. */
export const TRADE_PARAM = 'trade';

const outcomeColor = { field: 'outcome', type: 'nominal' as const, scale: { domain: ['win', 'loss'], range: [COLORS.win, COLORS.loss] }, title: 'trade' };
const level = (field: string, color: string, label: string) => ({
  layer: [
    { mark: { type: 'rule' as const, color, strokeDash: [5, 4] }, encoding: { y: { field, type: 'quantitative' as const } } },
    {
      mark: { type: 'text' as const, color, align: 'left' as const, dx: 4, dy: -6, x: 0, text: label },
      encoding: { y: { field, type: 'quantitative' as const } },
    },
  ],
});

/**
 * One trade's premium path with its take-profit and stop levels, entry and exit.
 * Datasets: marks (intent, ts, price) and levels (intent, entryTs, exitTs, entry, exit, tp, stop).
 */
export function tradePremiumSpec(marks: string, levels: string, firstIntent: string): TopLevelSpec {
  const onlyFocused = { filter: `datum.intent === ${TRADE_PARAM}` };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    params: [{ name: TRADE_PARAM, value: firstIntent }],
    width: CHART_WIDTH,
    height: 220,
    layer: [
      {
        data: { name: marks },
        transform: [onlyFocused],
        mark: { type: 'line', color: COLORS.price, point: { size: 18, color: COLORS.price } },
        encoding: {
          // Padding keeps the entry and exit markers off the axes.
          x: { ...timeX('ts', 'New York time'), scale: { type: 'utc', padding: 14, nice: false } },
          y: { field: 'price', type: 'quantitative', scale: { zero: false, padding: 12 }, title: 'premium $' },
          tooltip: [timeTooltip('ts', 'time'), { field: 'price', title: 'premium $', format: '.2f' }],
        },
      },
      {
        data: { name: levels },
        transform: [onlyFocused],
        layer: [
          level('tp', COLORS.win, 'take-profit'),
          level('stop', COLORS.loss, 'stop'),
          {
            mark: { type: 'point', filled: true, size: 90, shape: 'triangle-right', color: COLORS.equity },
            encoding: { x: timeX('entryTs'), y: { field: 'entry', type: 'quantitative' }, tooltip: [timeTooltip('entryTs', 'entry'), { field: 'entry', title: 'entry $' }] },
          },
          {
            mark: { type: 'square', filled: true, size: 80 },
            encoding: {
              x: timeX('exitTs'),
              y: { field: 'exit', type: 'quantitative' },
              color: { ...outcomeColor, legend: null },
              tooltip: [timeTooltip('exitTs', 'exit'), { field: 'exit', title: 'exit $' }, { field: 'exitReason', title: 'reason' }],
            },
          },
        ],
      },
    ],
  };
}

/**
 * Every trade's premium path at once, relative to its entry premium, against minutes held, with the
 * median take-profit and stop levels: how trades travel before they exit.
 * Dataset rows: intent, minutes, rel (price / entry − 1), outcome, contract.
 */
export function premiumPathsSpec(marks: string, levels: string): TopLevelSpec {
  const rel = { type: 'quantitative' as const, title: 'premium vs entry', axis: { format: '+.0%' } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    width: CHART_WIDTH,
    height: 260,
    layer: [
      {
        data: { name: marks },
        mark: { type: 'line', strokeWidth: 1, opacity: 0.35, interpolate: 'linear' },
        encoding: {
          x: { field: 'minutes', type: 'quantitative', title: 'minutes since entry' },
          y: { field: 'rel', ...rel },
          detail: { field: 'intent', type: 'nominal' },
          color: outcomeColor,
          tooltip: [{ field: 'contract' }, { field: 'minutes', title: 'minute' }, { field: 'rel', title: 'vs entry', format: '+.1%' }],
        },
      },
      {
        data: { name: levels },
        layer: [
          { mark: { type: 'rule', color: COLORS.win, strokeDash: [5, 4] }, encoding: { y: { aggregate: 'median', field: 'tpRel', ...rel } } },
          { mark: { type: 'rule', color: COLORS.loss, strokeDash: [5, 4] }, encoding: { y: { aggregate: 'median', field: 'stopRel', ...rel } } },
        ],
      },
    ],
  };
}
