import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/report/model.js';
import { buildRunReport } from '../../src/report/run-report.js';
import { HOSTILE, hostileModel } from '../report/hostile-model.js';
import { hasChromium, launchChromium, openReport, type PageWatch } from '../support/chromium.js';
import { realYearReports } from '../support/real-backtest.js';
import { hasSharedData } from '../support/shared-data.js';

const OUT = 'test-results/browser';

type ReportWindow = { optbotReport: { views: Record<string, { signal(n: string): unknown; runAsync(): Promise<unknown>; data(n: string): unknown[] }> } };

function writeReport(name: string, model: ReportModel): string {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, name);
  writeFileSync(file, buildRunReport(model));
  return pathToFileURL(file).href;
}

/** Per chart: whether vega-embed mounted it, inked canvas pixels, and drawn SVG marks. */
const chartContent = (page: Page) =>
  page.$$eval('.chart', (els) =>
    els.map((el) => {
      const canvas = el.querySelector('canvas');
      let inked = 0;
      if (canvas) {
        const px = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 3; i < px.length; i += 4) if (px[i]! > 0) inked++;
      }
      const svgMarks = el.querySelectorAll('svg .mark-rect path, svg .mark-line path, svg .mark-symbol path, svg .mark-rule line, svg .mark-area path').length;
      return { id: el.id, inked, svgMarks, embedded: el.classList.contains('vega-embed') };
    }),
  );

describe.skipIf(!hasChromium || !hasSharedData)('run report in a real browser (a real backtest of a year of SPY bars)', () => {
  let context: BrowserContext;
  let page: Page;
  let watch: PageWatch;

  beforeAll(async () => {
    // A real backtest of the real year in option mode, read back from its journal.
    const [model] = await realYearReports(() => {});
    const url = writeReport('run-report.html', model!);
    context = await launchChromium();
    ({ page, watch } = await openReport(context, url));
  });
  afterAll(async () => context?.close());

  it('renders every chart with content', async () => {
    const charts = await chartContent(page);
    expect(charts.map((c) => c.id)).toEqual(['price-0', 'premium-trade', 'equity', 'daily-pnl', 'calendar', 'premium-paths']);
    for (const c of charts) {
      expect(c.embedded, c.id).toBe(true);
      expect(c.inked > 5_000 || c.svgMarks > 5, `${c.id} is empty`).toBe(true);
    }
    const views = await page.evaluate(() => Object.keys((globalThis as unknown as ReportWindow).optbotReport.views).length);
    expect(views).toBe(6);
  });

  it('sorts the trade table by P&L, both ways', async () => {
    const pnl = () => page.$$eval('#trades-table tbody tr', (rows) => rows.map((r) => Number(r.children[6]!.getAttribute('data-v'))));
    await page.click('#trades-table th:nth-child(7)');
    const asc = await pnl();
    expect(asc.length).toBeGreaterThan(100);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    await page.click('#trades-table th:nth-child(7)');
    expect(await pnl()).toEqual([...asc].reverse());
    expect(await page.getAttribute('#trades-table th:nth-child(7)', 'aria-sort')).toBe('descending');
  });

  it('focuses the price chart (moves the brush) and the premium chart on a clicked trade', async () => {
    const row = page.locator('#trades-table tbody tr').nth(5);
    const [intent, from] = await Promise.all([row.getAttribute('data-intent'), row.getAttribute('data-from')]);
    await row.click();
    const state = await page.evaluate(async () => {
      const views = (globalThis as unknown as ReportWindow).optbotReport.views;
      await views['price-0']!.runAsync();
      return { trade: views['premium-trade']!.signal('trade'), brush: views['price-0']!.data('brush_store') as { values: [number, number][] }[] };
    });
    expect(state.trade).toBe(intent);
    const [lo, hi] = state.brush[0]!.values[0]!;
    expect(lo).toBeLessThanOrEqual(Number(from));
    expect(hi).toBeGreaterThan(Number(from));
    expect(hi - lo).toBeLessThan(86_400_000);
  });

  it('logs no console error, makes no network request, and saves a screenshot', async () => {
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    await page.screenshot({ path: join(OUT, 'run-report.png'), fullPage: true });
    expect(existsSync(join(OUT, 'run-report.png'))).toBe(true);
    expect(watch.errors).toEqual([]);
    expect(watch.requests).toEqual([]);
  });
});

describe.skipIf(!hasChromium)('run report with hostile text, in a real browser', () => {
  let context: BrowserContext;
  afterAll(async () => context?.close());

  it('shows a hostile symbol, log message and risk reason as text and runs none of it', async () => {
    context = await launchChromium();
    const { page, watch } = await openReport(context, writeReport('hostile-report.html', await hostileModel()));
    const text = {
      symbols: await page.locator('dl.facts dt:text-is("Symbols") + dd').textContent(),
      logs: await page.locator('#log-table').textContent(),
      risk: await page.locator('#risk-table').textContent(),
      pwned: await page.evaluate(() => (globalThis as unknown as { pwned?: number }).pwned ?? null),
      images: await page.locator('img').count(),
    };
    expect(text.symbols).toBe(`SPY${HOSTILE}`);
    expect(text.logs).toContain(`broker said ${HOSTILE}`);
    expect(text.risk).toContain(HOSTILE);
    expect([text.pwned, text.images, watch.dialogs, watch.errors, watch.requests]).toEqual([null, 0, [], [], []]);
    expect((await chartContent(page)).every((c) => c.embedded)).toBe(true);
  });
});
