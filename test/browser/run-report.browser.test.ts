import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRunReport } from '../../src/report/run-report.js';
import { reportModelFromBars } from '../support/report-model.js';
import { hasSharedData, sharedFile } from '../support/shared-data.js';
import { readBarsCsv } from '../support/spy-bars.js';
import { tempDir } from '../support/tmp.js';

const CHROMIUM = '/usr/bin/chromium';
const OUT = 'test-results/browser';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`[optbot tests] ${CHROMIUM} is absent (apt-get install chromium): browser tests are skipped.`);

/** Debian's chromium, headless, with nothing that phones home, in a fresh profile. */
export async function launchChromium(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(tempDir('optbot-chromium-'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

describe.skipIf(!hasChromium || !hasSharedData)('run report in a real browser (a year of real SPY bars)', () => {
  let context: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  let reportUrl: string;

  beforeAll(async () => {
    const model = reportModelFromBars(readBarsCsv(sharedFile('spy_1min_2024-03-26_2025-04-02.csv.gz')));
    mkdirSync(OUT, { recursive: true });
    const file = join(OUT, 'run-report.html');
    writeFileSync(file, buildRunReport(model));
    reportUrl = pathToFileURL(file).href;
    context = await launchChromium();
    page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    page.on('request', (r) => r.url() !== reportUrl && requests.push(r.url()));
    await page.goto(reportUrl);
    await page.evaluate(() => (globalThis as unknown as { optbotReport: { ready: Promise<unknown> } }).optbotReport.ready);
  });
  afterAll(async () => context?.close());

  it('renders every chart with content', async () => {
    const charts = await page.$$eval('.chart', (els) =>
      els.map((el) => {
        const canvas = el.querySelector('canvas');
        let inked = 0;
        if (canvas) {
          const px = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
          for (let i = 3; i < px.length; i += 4) if (px[i]! > 0) inked++;
        }
        const svgMarks = el.querySelectorAll('svg .mark-rect path, svg .mark-line path, svg .mark-symbol path, svg .mark-rule line, svg .mark-area path').length;
        return { id: el.id, inked, svgMarks, hasView: el.classList.contains('vega-embed') };
      }),
    );
    expect(charts.map((c) => c.id)).toEqual(['price-0', 'premium-trade', 'equity', 'daily-pnl', 'calendar', 'premium-paths']);
    for (const c of charts) {
      expect(c.hasView, c.id).toBe(true);
      expect(c.inked > 5_000 || c.svgMarks > 5, `${c.id} is empty`).toBe(true);
    }
    const viewCount = await page.evaluate(() => Object.keys((globalThis as unknown as { optbotReport: { views: object } }).optbotReport.views).length);
    expect(viewCount).toBe(6);
  });

  it('sorts the trade table by P&L, both ways', async () => {
    const pnl = () => page.$$eval('#trades-table tbody tr', (rows) => rows.map((r) => Number(r.children[6]!.getAttribute('data-v'))));
    await page.click('#trades-table th:nth-child(7)');
    const asc = await pnl();
    expect(asc.length).toBeGreaterThan(100);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    await page.click('#trades-table th:nth-child(7)');
    const desc = await pnl();
    expect(desc).toEqual([...asc].reverse());
    expect(await page.getAttribute('#trades-table th:nth-child(7)', 'aria-sort')).toBe('descending');
  });

  it('focuses the price chart and the premium chart on a clicked trade', async () => {
    const row = page.locator('#trades-table tbody tr').nth(5);
    const [intent, from] = await Promise.all([row.getAttribute('data-intent'), row.getAttribute('data-from')]);
    await row.click();
    const state = await page.evaluate(async () => {
      const r = (globalThis as unknown as { optbotReport: { views: Record<string, { signal(n: string): unknown; runAsync(): Promise<unknown>; data(n: string): { ts: number }[] }> } }).optbotReport;
      await r.views['price-0']!.runAsync();
      return { trade: r.views['premium-trade']!.signal('trade'), brush: r.views['price-0']!.data('brush_store') };
    });
    expect(state.trade).toBe(intent);
    const extent = (state.brush as unknown as { values: [number, number][] }[])[0]!.values[0]!;
    expect(extent[0]).toBeLessThanOrEqual(Number(from));
    expect(extent[1]).toBeGreaterThan(Number(from));
    expect(extent[1] - extent[0]).toBeLessThan(86_400_000);
  });

  it('logs no console error, makes no network request, and saves a screenshot', async () => {
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    await page.screenshot({ path: join(OUT, 'run-report.png'), fullPage: true });
    expect(existsSync(join(OUT, 'run-report.png'))).toBe(true);
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([]);
  });
});
