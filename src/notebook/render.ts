import { relative, dirname, isAbsolute } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { escapeHtml } from '../report/escape.js';
import { chartDiv, htmlTable } from '../report/html.js';
import { htmlDocument, type ChartEmbed } from '../report/page.js';
import { CHART_CONFIG } from '../report/specs/theme.js';
import type { NotebookData } from './context.js';
import { renderMarkdown } from './markdown.js';
import type { CellResult, NotebookRun } from './run-notebook.js';
import type { CellOutput } from './session.js';

/** Styles of the notebook page, on top of the report's (same cards, tables and fonts). */
const NOTEBOOK_STYLE = `<style>
section.cell h2,section.cell h3{margin:10px 0 6px}
section.cell .prose p{margin:6px 0}
section.cell blockquote{margin:6px 0;padding:2px 12px;border-left:3px solid #cbd5e0;color:#4a5568}
section.cell code{background:#f7fafc;border:1px solid #edf2f7;border-radius:4px;padding:0 3px;font-size:12.5px}
section.cell pre code{border:0;padding:0}
details.code summary{font-weight:500;font-size:12.5px;color:#718096}
pre.out{max-height:320px}
pre.err{background:#fff5f5;border-color:#fed7d7;color:#9b2c2c}
.failed{border-left:4px solid #e53e3e}
.skipped{opacity:.55}
p.status{font-weight:600;color:#9b2c2c}
.caption{margin:8px 0 2px;font-size:12.5px;color:#4a5568;font-weight:600}
</style>`;

const SYNTHETIC_BANNER =
  '<div class="synthetic" role="alert">⚠ SYNTHETIC DATA: these prices were generated, not traded. Nothing here says how the strategy does in a real market.</div>';

/** Where the page is written: links to companion files are made relative to it. */
export interface RenderTarget {
  htmlPath: string;
  /** The notebook's source as the reader knows it, e.g. "notebooks/01-data-tour.nb.ts". */
  sourceLabel: string;
  data: NotebookData;
  codeVersion: string;
}

/** A chart spec with the page's look unless it brings its own. */
const themed = (spec: TopLevelSpec): TopLevelSpec => ({ $schema: 'https://vega.github.io/schema/vega-lite/v6.json', ...spec, config: { ...CHART_CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec);

function outputHtml(o: CellOutput, id: string, charts: ChartEmbed[], target: RenderTarget): string {
  switch (o.kind) {
    case 'text':
      return `<pre class="out${o.stream === 'err' ? ' err' : ''}">${escapeHtml(o.text)}</pre>`;
    case 'markdown':
      return `<div class="prose">${renderMarkdown(o.text)}</div>`;
    case 'table': {
      const caption = o.caption ? `<p class="caption">${escapeHtml(o.caption)}</p>` : '';
      const note = o.note ? `<p class="note">${escapeHtml(o.note)}</p>` : '';
      return `${caption}<div class="scroll">${htmlTable(o.columns, o.rows, { sortable: true })}</div>${note}`;
    }
    case 'chart':
      charts.push({ id, renderer: 'svg', spec: themed(o.spec) });
      return `${o.caption ? `<p class="caption">${escapeHtml(o.caption)}</p>` : ''}${chartDiv(id)}`;
    case 'link': {
      const href = isAbsolute(o.href) ? relative(dirname(target.htmlPath), o.href).split('\\').join('/') : o.href;
      return `<p>→ <a href="${escapeHtml(href)}">${escapeHtml(o.label)}</a></p>`;
    }
  }
}

/** The prose of a cell; the notebook's title heading is left out (the page header shows it). */
function proseOf(markdown: string, title: string): string {
  const [first = '', ...rest] = markdown.split('\n');
  return /^#\s/.test(first) && first.replace(/^#\s+/, '').trim() === title ? rest.join('\n').trim() : markdown;
}

function cellHtml(result: CellResult, title: string, charts: ChartEmbed[], target: RenderTarget): string {
  const { cell } = result;
  const prose = proseOf(cell.markdown, title);
  const parts = [prose ? `<div class="prose">${renderMarkdown(prose)}</div>` : ''];
  if (cell.code) {
    const lines = cell.code.split('\n').length;
    parts.push(`<details class="code"><summary>code · ${lines} line${lines === 1 ? '' : 's'} from line ${cell.line}</summary><pre>${escapeHtml(cell.code)}</pre></details>`);
  }
  result.outputs.forEach((o, k) => parts.push(outputHtml(o, `chart-${cell.index + 1}-${k + 1}`, charts, target)));
  if (result.status === 'failed') parts.push(`<p class="status">This cell failed:</p><pre class="out err">${escapeHtml(result.error ?? '')}</pre>`);
  if (result.status === 'skipped') parts.push('<p class="note">Not run: an earlier cell failed.</p>');
  const cls = result.status === 'ok' ? '' : ` ${result.status}`;
  return `<section class="cell${cls}" id="cell-${cell.index + 1}" data-status="${result.status}">${parts.join('\n')}</section>`;
}

/** The notebook as one self-contained page: its prose, code (folded) and outputs, charts drawn by the inlined vega. */
export function renderNotebook(run: NotebookRun, target: RenderTarget): string {
  const charts: ChartEmbed[] = [];
  const cells = run.cells.map((c) => cellHtml(c, run.title, charts, target));
  const status = run.failure
    ? `<p class="status">Failed in cell ${run.failure.cell + 1} “${escapeHtml(run.cells[run.failure.cell]!.cell.title)}”.</p>`
    : '';
  const header = `<header class="run">
${target.data.synthetic ? SYNTHETIC_BANNER : ''}<h1>${escapeHtml(run.title)} <span class="badge">notebook</span></h1>
<dl class="facts"><dt>Notebook</dt><dd>${escapeHtml(target.sourceLabel)}</dd><dt>Data</dt><dd>${escapeHtml(target.data.label)}</dd><dt>Code version</dt><dd>${escapeHtml(target.codeVersion)}</dd></dl>${status}
</header>`;
  const footer = `<footer>optbot ${escapeHtml(target.codeVersion)} · rendered by optbot notebooks · times are New York time</footer>`;
  return htmlDocument(run.title, `${NOTEBOOK_STYLE}\n${header}\n${cells.join('\n')}\n${footer}`, charts, {});
}
