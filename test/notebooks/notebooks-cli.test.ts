import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseNotebook } from '../../src/notebook/cells.js';
import { hasChromium, launchChromium, openReport } from '../support/chromium.js';
import { optbot, type CliResult } from '../support/cli.js';
import { tempDir } from '../support/tmp.js';
import { reportPayload } from '../report/report-text.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NOTEBOOKS = join(ROOT, 'notebooks');
const notebooks = readdirSync(NOTEBOOKS).filter((f) => f.endsWith('.nb.ts')).sort();

interface Payload {
  charts: { id: string; spec: TopLevelSpec }[];
}

const payloadOf = (html: string): Payload => reportPayload(html) as Payload;
const statuses = (html: string): string[] => [...html.matchAll(/<section class="cell[^"]*" id="cell-\d+" data-status="(\w+)"/g)].map((m) => m[1]!);

/** A chart drawn by vega in Node as the page draws it: its SVG. */
async function svgOf(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/*
 * What CI runs: every notebook in notebooks/ on a small synthetic sample, through the built CLI.
 * The pages stay in test-results/notebooks/ (CI keeps them as artifacts).
 */
describe('optbot notebooks --quick on the synthetic sample', () => {
  const out = join(ROOT, 'test-results', 'notebooks');
  let run: CliResult;

  beforeAll(() => {
    rmSync(out, { recursive: true, force: true });
    run = optbot(['notebooks', '--quick', '--sessions', '20', '--dir', NOTEBOOKS, '--out', out], { cwd: ROOT });
  }, 300_000);

  it('runs every notebook and exits 0', () => {
    expect(notebooks.length).toBeGreaterThanOrEqual(3);
    expect(run.stderr + run.stdout).not.toMatch(/failed/);
    expect(run.code).toBe(0);
    for (const nb of notebooks) expect(run.stdout).toContain(`✓ ${nb.replace(/\.nb\.ts$/, '')}`);
    expect(run.stdout).toContain(`${notebooks.length} of ${notebooks.length} notebooks ran`);
  });

  it.each(notebooks)('%s: every cell ran, and every chart is embedded and renders', async (nb) => {
    const html = readFileSync(join(out, nb.replace(/\.nb\.ts$/, '.html')), 'utf8');
    const cells = parseNotebook(readFileSync(join(NOTEBOOKS, nb), 'utf8'), nb);
    expect(statuses(html)).toEqual(cells.map(() => 'ok'));
    expect(html).toContain('SYNTHETIC DATA');
    const { charts } = payloadOf(html);
    expect(charts.length).toBeGreaterThanOrEqual(2);
    for (const chart of charts) {
      expect(html).toContain(`<div class="chart" id="${chart.id}"></div>`);
      const svg = await svgOf(chart.spec);
      // Drawn marks, not an empty frame: bars, lines or symbols.
      expect(svg.match(/<path/g)?.length ?? 0).toBeGreaterThan(5);
    }
  });

  it('renders the same pages byte for byte when run again on the same sample', () => {
    const again = join(out, 'again');
    expect(optbot(['notebooks', '--quick', '--sessions', '20', '--dir', NOTEBOOKS, '--out', again], { cwd: ROOT }).code).toBe(0);
    for (const nb of notebooks) {
      const page = nb.replace(/\.nb\.ts$/, '.html');
      expect(readFileSync(join(again, page), 'utf8') === readFileSync(join(out, page), 'utf8'), page).toBe(true);
    }
    rmSync(again, { recursive: true });
  }, 300_000);

  it.skipIf(!hasChromium)('draws every chart in chromium, offline and without errors', async () => {
    const context = await launchChromium();
    try {
      for (const nb of notebooks) {
        const page = join(out, nb.replace(/\.nb\.ts$/, '.html'));
        const { page: tab, watch } = await openReport(context, pathToFileURL(page).href);
        const marks = await tab.$$eval('.chart', (els) => els.map((el) => el.querySelectorAll('svg path').length));
        expect(marks.length).toBe(payloadOf(readFileSync(page, 'utf8')).charts.length);
        for (const n of marks) expect(n).toBeGreaterThan(5);
        await tab.screenshot({ path: page.replace(/\.html$/, '.png'), fullPage: true });
        expect([watch.errors, watch.requests]).toEqual([[], []]);
        await tab.close();
      }
    } finally {
      await context.close();
    }
  }, 120_000);

  it('links companion reports that exist', () => {
    for (const nb of notebooks) {
      const page = join(out, nb.replace(/\.nb\.ts$/, '.html'));
      for (const [, href] of readFileSync(page, 'utf8').matchAll(/<p>→ <a href="([^"]+)">/g)) expect(existsSync(resolve(dirname(page), href!))).toBe(true);
    }
    expect(readdirSync(join(out, '02-threshold-research')).length).toBeGreaterThanOrEqual(2);
  });
});

describe('notebooks of a folder, a failing cell, the store', () => {
  const dir = tempDir();
  const source = [
    '/*md',
    '# Breaks on purpose',
    '*/',
    "import { notebook, show } from '../src/index.js';",
    "console.log('symbol', notebook().symbol);",
    '/*md',
    '## Divides',
    '*/',
    'const rows: { x: number }[] = [{ x: 1 }];',
    'show.table(rows);',
    "if (rows.length === 1) throw new Error('no second row');",
    '/*md',
    '## Never runs',
    '*/',
    "console.log('unreachable');",
  ].join('\n');

  it('fails the command naming the cell and its line, renders the page with the error, and skips the rest', () => {
    writeFileSync(join(dir, 'broken.nb.ts'), source);
    writeFileSync(join(dir, 'fine.nb.ts'), "/*md\n# Fine\n*/\nconsole.log('fine');\n");
    const r = optbot(['notebooks', '--sessions', '2', '--dir', dir, '--out', join(dir, 'out')], { cwd: ROOT });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ broken: cell 2 “Divides” (line 6) failed: no second row');
    expect(r.stdout).toContain('✓ fine');
    expect(r.stdout).toContain('1 of 2 notebooks ran, 1 failed');
    const html = readFileSync(join(dir, 'out', 'broken.html'), 'utf8');
    expect(statuses(html)).toEqual(['ok', 'failed', 'skipped']);
    expect(html).toContain('symbol SPY');
    // The stack points into the notebook's own file at the throwing line, without the runner's frames.
    expect(html).toContain(`(${join(dir, 'broken.nb.ts')}:11:`);
    expect(html).not.toContain('runNotebook');
    expect(html).not.toContain('unreachable</pre>');
  }, 120_000);

  it('--store runs on the configured store (and refuses a missing one)', () => {
    writeFileSync(join(dir, 'store.nb.ts'), "/*md\n# Store\n*/\nimport { notebook } from '../src/index.js';\nconsole.log(notebook().data.kind, notebook().runId('bt'));\n");
    const store = ['--set', `data.store_path=${join(dir, 'own.duckdb')}`];
    const empty = optbot(['notebooks', 'store', '--store', '--dir', dir, '--out', join(dir, 'out'), ...store], { cwd: ROOT });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('no store at');
    expect(optbot(['data', 'sample', '--sessions', '2', ...store], { cwd: ROOT }).code).toBe(0);
    const r = optbot(['notebooks', 'store', '--store', '--dir', dir, '--out', join(dir, 'out'), ...store], { cwd: ROOT });
    expect(r.code).toBe(0);
    const html = readFileSync(join(dir, 'out', 'store.html'), 'utf8');
    expect(html).toContain(`bar store ${join(dir, 'own.duckdb')} (sources: synthetic)`);
    expect(html).toContain('SYNTHETIC DATA');
    // Ids on a store that outlives the run carry a time stamp, so a second run never collides.
    expect(html).toMatch(/store nb-store-bt1-\d{8}-\d{6}/);
  }, 120_000);

  it('refuses an unknown notebook name with exit 2', () => {
    const r = optbot(['notebooks', 'nope', '--dir', NOTEBOOKS], { cwd: ROOT });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no notebook nope');
  });
});
