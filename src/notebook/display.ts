import type { TopLevelSpec } from 'vega-lite';
import { statisticsRows } from '../stats/format-statistics.js';
import type { Statistics } from '../stats/statistics.js';
import { currentSession, type TableCell } from './session.js';

/** Rows shown by default before a table is cut (the page stays light; say `limit` to show more). */
export const TABLE_ROW_LIMIT = 200;

export interface TableOptions {
  /** Columns in order (default: the keys of the first row). */
  columns?: readonly string[];
  caption?: string;
  limit?: number;
}

/** A number as a reader wants it: thousands separators, cents from 100 up and at most 4 decimals below; NaN as "–", ±Infinity as "∞". */
export function formatValue(value: unknown): TableCell {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return { text: '–' };
    if (!Number.isFinite(value)) return { text: value > 0 ? '∞' : '−∞', sort: value };
    return { text: value.toLocaleString('en-US', { maximumFractionDigits: Math.abs(value) >= 100 ? 2 : 4 }), sort: value };
  }
  if (typeof value === 'boolean') return { text: value ? 'yes' : 'no' };
  if (typeof value === 'object') return { text: JSON.stringify(value) };
  return { text: String(value) };
}

/**
 * What a notebook shows besides its console output. Every call lands in the cell that is running;
 * text is escaped when the page is rendered, and charts are vega-lite specs with inline data.
 */
export const show = {
  /** Markdown computed by the notebook, e.g. a verdict with the figures in it. */
  md(text: string): void {
    currentSession().emit({ kind: 'markdown', text });
  },

  table(rows: readonly Record<string, unknown>[], opts: TableOptions = {}): void {
    const columns = [...(opts.columns ?? Object.keys(rows[0] ?? {}))];
    const limit = opts.limit ?? TABLE_ROW_LIMIT;
    const cells = rows.slice(0, limit).map((row) => columns.map((c) => formatValue(row[c])));
    const numeric = columns.map((c) => rows.length > 0 && rows.every((r) => typeof r[c] === 'number' || r[c] === null || r[c] === undefined));
    currentSession().emit({
      kind: 'table',
      columns: columns.map((label, i) => ({ label, numeric: numeric[i]! })),
      rows: cells,
      caption: opts.caption ?? '',
      note: rows.length > limit ? `first ${limit} of ${rows.length.toLocaleString('en-US')} rows` : '',
    });
  },

  chart(spec: TopLevelSpec, opts: { caption?: string } = {}): void {
    currentSession().emit({ kind: 'chart', spec, caption: opts.caption ?? '' });
  },

  /** A run's statistics as the CLI prints them. */
  statistics(statistics: Statistics, caption = ''): void {
    show.table(statisticsRows(statistics).map(([figure, value]) => ({ figure, value })), { caption });
  },

  /** A link to a companion file, e.g. a full report the notebook wrote into its `outDir`. */
  link(path: string, label: string): void {
    currentSession().emit({ kind: 'link', href: path, label });
  },
};
