import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCompareReport } from '../../src/report/compare-report.js';
import { hasChromium, launchChromium, openReport } from '../support/chromium.js';
import { realYearReports } from '../support/real-backtest.js';
import { hasSharedData } from '../support/shared-data.js';

const OUT = 'test-results/browser';

describe.skipIf(!hasChromium || !hasSharedData)('compare report in a real browser (two real backtests of the real SPY year: stop-loss 10 % against 15 %)', () => {
  let context: BrowserContext;
  afterAll(async () => context?.close());

  it('renders both charts, the divergence and the trade tables, offline and without errors', async () => {
    const [a, b] = await realYearReports((s) => (s.risk.stop_loss_pct = 0.1), (s) => (s.risk.stop_loss_pct = 0.15));
    mkdirSync(OUT, { recursive: true });
    const file = join(OUT, 'compare-report.html');
    writeFileSync(file, buildCompareReport(a!, b!));
    context = await launchChromium();
    const { page, watch } = await openReport(context, pathToFileURL(file).href);
    const marks = await page.$$eval('.chart', (els) => els.map((el) => el.querySelectorAll('svg .mark-line path, svg .mark-rect path').length));
    expect(marks).toHaveLength(2);
    for (const n of marks) expect(n).toBeGreaterThan(0);
    expect(await page.locator('#divergence-table tbody tr').count()).toBe(2);
    expect(await page.locator('#matched-table tbody tr').count()).toBeGreaterThan(100);
    await page.screenshot({ path: join(OUT, 'compare-report.png'), fullPage: true });
    expect([watch.errors, watch.requests]).toEqual([[], []]);
  });
});
