import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCompareReport } from '../../src/report/compare-report.js';
import { hasChromium, launchChromium, openReport } from '../support/chromium.js';
import { reportModelFromBars } from '../support/report-model.js';
import { hasSharedData, sharedFile } from '../support/shared-data.js';
import { readBarsCsv } from '../support/spy-bars.js';

const OUT = 'test-results/browser';

describe.skipIf(!hasChromium || !hasSharedData)('compare report in a real browser (two rules on a year of real SPY bars)', () => {
  let context: BrowserContext;
  afterAll(async () => context?.close());

  it('renders both charts, the divergence and the trade tables, offline and without errors', async () => {
    const bars = readBarsCsv(sharedFile('spy_1min_2024-03-26_2025-04-02.csv.gz'));
    mkdirSync(OUT, { recursive: true });
    const file = join(OUT, 'compare-report.html');
    writeFileSync(file, buildCompareReport(reportModelFromBars(bars), reportModelFromBars(bars, { gap: 0.0015 })));
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
