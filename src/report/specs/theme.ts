import type { Config } from 'vega-lite';

/** Colours shared by charts, tables and the legend text, so "win" is the same green everywhere. */
export const COLORS = {
  win: '#1a9850',
  loss: '#d73027',
  call: '#2166ac',
  put: '#b2182b',
  stock: '#5e3c99',
  price: '#4a5568',
  band: '#cbd5e0',
  equity: '#2b6cb0',
  drawdown: '#e53e3e',
  buy: '#1a9850',
  sell: '#d73027',
  hold: '#a0aec0',
} as const;

export const CHART_WIDTH = 1040;

/** Shared look: quiet axes, no view border, the page's font. */
export const CHART_CONFIG: Config = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  view: { stroke: null },
  axis: { labelColor: '#4a5568', titleColor: '#2d3748', gridColor: '#edf2f7', domainColor: '#a0aec0', tickColor: '#a0aec0', labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal' },
  legend: { labelFontSize: 11, titleFontSize: 11, orient: 'top', direction: 'horizontal' },
  title: { fontSize: 13, fontWeight: 600, anchor: 'start', color: '#1a202c' },
};

/** The head every single-dataset chart shares. */
export const chartHead = (dataset: string, height: number) => ({
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  config: CHART_CONFIG,
  data: { name: dataset },
  width: CHART_WIDTH,
  height,
});

/** Days (UTC midnight of the New York trading date): a day time unit gives each bar its day's width. */
export const dayX = { field: 'date', type: 'temporal' as const, timeUnit: 'utcyearmonthdate' as const, title: null, axis: { format: '%b %d', labelOverlap: true } };
export const dayTooltip = { field: 'date', type: 'temporal' as const, timeUnit: 'utcyearmonthdate' as const, title: 'day', format: '%a %Y-%m-%d' };
export const pnlTooltip = { field: 'pnl', type: 'quantitative' as const, title: 'P&L $', format: ',.2f' };

/** Time axes carry New York wall-clock stamps on UTC scales (see NyClock). */
/** Axis labels by zoom level, 24-hour clock (Vega picks the format of the coarsest unit that changes). */
const TIME_AXIS_FORMAT = { year: '%Y', quarter: '%b %Y', month: '%b %Y', week: '%b %d', date: '%b %d', hours: '%H:%M', minutes: '%H:%M', seconds: '%H:%M:%S', milliseconds: '%H:%M:%S.%L' };

export const timeX = (field: string, title: string | null = null, domain?: { param: string }) => ({
  field,
  type: 'temporal' as const,
  title,
  scale: domain ? { type: 'utc' as const, domain } : { type: 'utc' as const },
  axis: { format: TIME_AXIS_FORMAT, labelOverlap: true },
});

/** A utc time unit makes vega-lite format the stamp with utcFormat, i.e. as the wall-clock time it holds. */
export const timeTooltip = (field: string, title: string) => ({
  field,
  type: 'temporal' as const,
  timeUnit: 'utcyearmonthdatehoursminutes' as const,
  title,
  format: '%Y-%m-%d %H:%M',
});
