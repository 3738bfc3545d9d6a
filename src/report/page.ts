import { deflateRawSync } from 'node:zlib';
import type { TopLevelSpec } from 'vega-lite';
import { chartLibraries } from './assets.js';
import { escapeHtml } from './escape.js';
import type { PackedTable } from './pack.js';
import { PAGE_SCRIPT } from './page/script.js';
import { PAGE_STYLE } from './page/style.js';

/** One chart on the page: its container id, its vega-lite spec and the datasets the spec names. */
export interface ChartEmbed {
  id: string;
  spec: TopLevelSpec;
  renderer: 'svg' | 'canvas';
  /** Set for a spec with an overview brush: the name of the overview's x scale, so a clicked trade can move the brush. */
  focusScale?: string;
}

/** Names of every `data: {name}` a spec refers to, so the page hands each chart only its own data. */
export function datasetNames(spec: unknown): string[] {
  const names = new Set<string>();
  (function walk(node: unknown): void {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === 'data' && v && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string') names.add((v as { name: string }).name);
        else walk(v);
      }
    }
  })(spec);
  return [...names];
}

/** Deflate level: nearly all of the size gain for a fraction of the time of the default (6). */
const DEFLATE_LEVEL = 4;

/**
 * The data and chart specs as deflated JSON in base64: signals' reasons alone are megabytes of text
 * over a year, and deflate shrinks the whole payload about 4×. Base64 has no `<`, `>` or `&`, so no
 * string from data or settings can end the script element or open a comment.
 */
export const encodePayload = (payload: unknown): string => deflateRawSync(JSON.stringify(payload), { level: DEFLATE_LEVEL }).toString('base64');

/** The whole self-contained document: styles, the three chart libraries, the data, and the page script. */
export function htmlDocument(title: string, body: string, charts: readonly ChartEmbed[], data: Record<string, PackedTable>): string {
  const payload = {
    data,
    charts: charts.map((c) => ({ ...c, data: datasetNames(c.spec) })),
  };
  const libs = chartLibraries()
    .map((src) => `<script>${src}</script>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:">
<title>${escapeHtml(title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<main>
${body}
</main>
${libs}
<script type="application/octet-stream" id="report-data">${encodePayload(payload)}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}
