import { escapeHtml } from './escape.js';

/** One table cell: the text shown, and the value sorting uses (numbers sort numerically). */
export interface Cell {
  text: string;
  sort?: number | string;
  cls?: string;
}

export interface Column {
  label: string;
  numeric?: boolean;
}

const sortValue = (v: number | string): string => (typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v);

/**
 * An HTML table with every string escaped. `sortable` adds clickable headers (the page script sorts by
 * each cell's data-v); `rowAttrs` adds data-* attributes (already-built name="value" pairs are escaped here).
 */
export function htmlTable(
  columns: readonly Column[],
  rows: readonly Cell[][],
  opts: { id?: string; sortable?: boolean; rowAttrs?: (i: number) => Record<string, string> } = {},
): string {
  const head = columns
    .map((c) => `<th${c.numeric ? ' class="num"' : ''}${opts.sortable ? ` data-type="${c.numeric ? 'num' : 'text'}" tabindex="0"` : ''}>${escapeHtml(c.label)}</th>`)
    .join('');
  const body = rows
    .map((cells, i) => {
      const attrs = Object.entries(opts.rowAttrs?.(i) ?? {})
        .map(([k, v]) => ` data-${k}="${escapeHtml(v)}"`)
        .join('');
      const tds = cells
        .map((c, j) => {
          const cls = [columns[j]?.numeric ? 'num' : '', c.cls ?? ''].filter(Boolean).join(' ');
          const v = c.sort === undefined ? '' : ` data-v="${escapeHtml(sortValue(c.sort))}"`;
          return `<td${cls ? ` class="${cls}"` : ''}${v}>${escapeHtml(c.text)}</td>`;
        })
        .join('');
      return `<tr${attrs}>${tds}</tr>`;
    })
    .join('\n');
  const id = opts.id ? ` id="${escapeHtml(opts.id)}"` : '';
  return `<table${id}${opts.sortable ? ' class="sortable"' : ''}><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export const section = (id: string, title: string, body: string, note = ''): string =>
  `<section id="${escapeHtml(id)}"><h2>${escapeHtml(title)}</h2>${note ? `<p class="note">${escapeHtml(note)}</p>` : ''}${body}</section>`;

export const chartDiv = (id: string): string => `<div class="chart" id="${escapeHtml(id)}"></div>`;
