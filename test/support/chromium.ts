import { existsSync } from 'node:fs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { tempDir } from './tmp.js';

/** Debian's chromium (`apt-get install chromium`); browser tests skip when it is absent. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`[optbot tests] ${CHROMIUM} is absent (apt-get install chromium): browser tests are skipped.`);

/** Headless chromium with nothing that phones home, in a fresh profile removed after the suite. */
export function launchChromium(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(tempDir('optbot-chromium-'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** What a page did that a self-contained report never should: console errors, dialogs, requests other than its own file. */
export interface PageWatch {
  errors: string[];
  dialogs: string[];
  requests: string[];
}

/** Opens a report file and waits until every chart has rendered (`window.optbotReport.ready`). */
export async function openReport(context: BrowserContext, url: string): Promise<{ page: Page; watch: PageWatch }> {
  const page = await context.newPage();
  const watch: PageWatch = { errors: [], dialogs: [], requests: [] };
  page.on('console', (m) => m.type() === 'error' && watch.errors.push(m.text()));
  page.on('pageerror', (e) => watch.errors.push(String(e)));
  page.on('dialog', (d) => {
    watch.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => r.url() !== url && watch.requests.push(r.url()));
  await page.goto(url);
  await page.evaluate(() => (globalThis as unknown as { optbotReport: { ready: Promise<unknown> } }).optbotReport.ready);
  return { page, watch };
}
