import type { TopLevelSpec } from 'vega-lite';
import type { SelectionParameter } from 'vega-lite/types_unstable/selection.js';
import type { Transform } from 'vega-lite/types_unstable/transform.js';
import { CHART_CONFIG, CHART_WIDTH, COLORS, timeTooltip, timeX } from './theme.js';

/**
 * No text from data or settings goes into a spec (vega-lite builds expressions from titles, which a
 * symbol could break): the page names the symbol in HTML around the chart.
 */
export interface PriceSpecInput {
  /** Dataset names: bucketed overview, full-resolution bars, round trips, signals. */
  overview: string;
  bars: string;
  trades: string;
  signals: string;
  /** Initial brush (wall-clock ms) so the detail opens on one session, not a year of candles. */
  initialRange: [number, number];
}

/** The name of the overview view: the page script reaches its brush through the scale `overview_x`. */
export const OVERVIEW_VIEW = 'overview';
export const BRUSH = 'brush';

/**
 * The detail draws every 1-minute bar while the brush spans at most this long, and the overview's
 * buckets beyond it: a whole year of minute candles would take seconds to draw and show nothing more.
 */
export const DETAIL_MAX_SPAN_MS = 10 * 86_400_000;
const NARROW = `isValid(${BRUSH}.ts) && ${BRUSH}.ts[1] - ${BRUSH}.ts[0] <= ${DETAIL_MAX_SPAN_MS}`;

const SIDE_SHAPES = { domain: ['call', 'put', 'stock'], range: ['triangle-up', 'triangle-down', 'diamond'] };
const OUTCOME_COLORS = { domain: ['win', 'loss'], range: [COLORS.win, COLORS.loss] };

/** Legends are drawn by the page (one line above the chart), so no vega-lite legend here. */
const tradeTooltip = [
  { field: 'contract', title: 'contract' },
  timeTooltip('entryTs', 'entry'),
  timeTooltip('exitTs', 'exit'),
  { field: 'qty', title: 'contracts' },
  { field: 'pnl', title: 'P&L $', format: ',.2f' },
  { field: 'exitReason', title: 'exit reason' },
];

/**
 * Overview of the whole range (min/max band, every trade entry marked) with a brush that zooms the
 * detail below it: candles, entries (▲ call, ▼ put) and exits (■) coloured by win or loss, joined by
 * a rule; then the signals track (BUY/SELL/HOLD, opacity = confidence).
 */
export function priceSpec(p: PriceSpecInput): TopLevelSpec {
  const zoomed = { param: BRUSH };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    spacing: 8,
    vconcat: [
      {
        name: OVERVIEW_VIEW,
        title: { text: 'Whole range (drag to zoom the detail)', fontSize: 12 },
        width: CHART_WIDTH,
        height: 70,
        layer: [
          // The brush sits on one layer only: a param on the layer itself would be copied into every layer.
          ...bucketBand(p.overview, timeX('ts'), [], [{ name: BRUSH, value: { x: p.initialRange }, select: { type: 'interval', encodings: ['x'] } }]),
          {
            data: { name: p.trades },
            mark: { type: 'tick', thickness: 1, size: 7, opacity: 0.6 },
            encoding: {
              x: timeX('entryTs'),
              y: { field: 'entryPx', type: 'quantitative' },
              color: { field: 'outcome', type: 'nominal', scale: OUTCOME_COLORS, legend: null },
            },
          },
        ],
      },
      {
        width: CHART_WIDTH,
        height: 320,
        layer: [
          candles(p.bars, zoomed),
          ...bucketBand(p.overview, timeX('ts', null, zoomed), [{ filter: `!(${NARROW})` }, { filter: { param: BRUSH } }]),
          {
            data: { name: p.trades },
            // Trades carry ts = entry time, so the brush keeps only those entered in range (and the y scale follows).
            transform: [{ filter: { param: BRUSH } }],
            encoding: { color: { field: 'outcome', type: 'nominal', scale: OUTCOME_COLORS, legend: null }, tooltip: tradeTooltip },
            layer: [
              {
                mark: { type: 'rule', strokeDash: [4, 3], strokeWidth: 1.5, clip: true },
                encoding: { x: timeX('entryTs', null, zoomed), x2: { field: 'exitTs' }, y: { field: 'entryPx', type: 'quantitative' }, y2: { field: 'exitPx' } },
              },
              {
                mark: { type: 'point', filled: true, size: 170, stroke: '#fff', strokeWidth: 1.2, clip: true },
                encoding: {
                  x: timeX('entryTs', null, zoomed),
                  y: { field: 'entryPx', type: 'quantitative' },
                  shape: { field: 'side', type: 'nominal', scale: SIDE_SHAPES, legend: null },
                },
              },
              {
                mark: { type: 'square', filled: true, size: 90, stroke: '#fff', strokeWidth: 1.2, clip: true },
                encoding: { x: timeX('exitTs', null, zoomed), y: { field: 'exitPx', type: 'quantitative' } },
              },
            ],
          },
        ],
        resolve: { scale: { color: 'independent' } },
      },
      signalTrack(p.signals, zoomed),
    ],
    resolve: { scale: { color: 'independent' } },
  };
}

/** Buckets as a low–high band with the closes drawn through it; `params` go on the band only. */
function bucketBand(dataset: string, x: ReturnType<typeof timeX>, transform: Transform[], params?: SelectionParameter[]) {
  return [
    {
      ...(params ? { params } : {}),
      data: { name: dataset },
      transform,
      mark: { type: 'area' as const, color: COLORS.band, opacity: 0.8, clip: true },
      encoding: { x, y: { field: 'low', type: 'quantitative' as const, scale: { zero: false }, title: null }, y2: { field: 'high' } },
    },
    {
      data: { name: dataset },
      transform,
      mark: { type: 'line' as const, color: COLORS.price, strokeWidth: 0.8, clip: true },
      encoding: { x, y: { field: 'close', type: 'quantitative' as const } },
    },
  ];
}

/** 1-minute candles (low–high rule, open–close body) while the brush is narrow enough. */
function candles(dataset: string, zoomed: { param: string }) {
  return {
    data: { name: dataset },
    transform: [{ filter: NARROW }, { filter: { param: BRUSH } }, { calculate: 'datum.ts + 60000', as: 'te' }],
    encoding: { x: timeX('ts', null, zoomed) },
    layer: [
      {
        mark: { type: 'rule' as const, color: COLORS.price, clip: true },
        encoding: { y: { field: 'low', type: 'quantitative' as const, scale: { zero: false }, title: 'price $' }, y2: { field: 'high' } },
      },
      {
        mark: { type: 'bar' as const, clip: true },
        encoding: {
          x2: { field: 'te' },
          y: { field: 'open', type: 'quantitative' as const },
          y2: { field: 'close' },
          color: { condition: { test: 'datum.close >= datum.open', value: COLORS.win }, value: COLORS.loss },
          tooltip: [timeTooltip('ts', 'bar'), { field: 'open' }, { field: 'high' }, { field: 'low' }, { field: 'close' }],
        },
      },
    ],
  };
}

/** One row per action; each tick is a signal, more opaque when more confident; reasons in the tooltip. */
function signalTrack(dataset: string, zoomed: { param: string }) {
  return {
    width: CHART_WIDTH,
    height: 66,
    data: { name: dataset },
    transform: [{ filter: { param: BRUSH } }],
    mark: { type: 'tick' as const, thickness: 2, clip: true },
    encoding: {
      x: timeX('ts', 'New York time', zoomed),
      y: { field: 'action', type: 'nominal' as const, title: 'signals', scale: { domain: ['BUY', 'HOLD', 'SELL'] } },
      color: {
        field: 'action',
        type: 'nominal' as const,
        scale: { domain: ['BUY', 'SELL', 'HOLD'], range: [COLORS.buy, COLORS.sell, COLORS.hold] },
        legend: null,
      },
      opacity: { field: 'confidence', type: 'quantitative' as const, scale: { domain: [0, 1], range: [0.15, 1] }, legend: null },
      tooltip: [
        timeTooltip('ts', 'time'),
        { field: 'strategy' },
        { field: 'action' },
        { field: 'confidence', format: '.2f' },
        { field: 'reasons' },
      ],
    },
  };
}
