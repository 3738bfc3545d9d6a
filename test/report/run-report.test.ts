import { beforeAll, describe, expect, it } from 'vitest';
import { buildRunReport } from '../../src/report/run-report.js';
import { chartLibraries } from '../../src/report/assets.js';
import { escapeHtml } from '../../src/report/escape.js';
import { encodePayload } from '../../src/report/page.js';
import { formatStatistic, statisticsRows } from '../../src/stats/format-statistics.js';
import type { ReportModel } from '../../src/report/model.js';
import { syntheticReports } from '../support/real-backtest.js';
import { HOSTILE, hostileModel } from './hostile-model.js';
import { count, ownPart, reportPayload } from './report-text.js';

/** Substring checks that report a label, not a 6 MB string, when they fail. */
const has = (html: string, sub: string): void => expect(html.includes(sub), `report contains ${JSON.stringify(sub)}`).toBe(true);
const hasNot = (html: string, sub: string): void => expect(html.includes(sub), `report must not contain ${JSON.stringify(sub)}`).toBe(false);

describe('buildRunReport (real backtests of five synthetic sessions)', () => {
  let model: ReportModel;
  let stock: ReportModel;
  let html: string;
  beforeAll(async () => {
    [model, stock] = (await syntheticReports({ sessions: 5 }, () => {}, (s) => (s.backtest.instrument = 'stock'))) as [ReportModel, ReportModel];
    html = buildRunReport(model);
  });

  it('is one self-contained document: the three libraries and the data inline, nothing to fetch', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    for (const lib of chartLibraries()) has(html, `<script>${lib}</script>`);
    const own = ownPart(html);
    expect(count(own, '<script')).toBe(5); // vega, vega-lite, vega-embed, data, page script
    expect(own.match(/<script[^>]+src=|<link[^>]+href=|https?:\/\/(?!vega\.github\.io\/schema)[^"]*/gi)).toBeNull();
    has(html, "default-src 'none'"); // and the browser would refuse to fetch anything anyway
    for (const id of ['price-0', 'premium-trade', 'equity', 'daily-pnl', 'calendar', 'premium-paths']) has(html, `id="${id}"`);
  });

  it('shows the header facts and flags synthetic data loudly, with the settings in a collapsible block', () => {
    has(html, 'SYNTHETIC DATA');
    has(html, '<span class="badge backtest">Backtest</span>');
    has(html, '<details><summary>Settings</summary><pre>broker:');
    has(html, '\nrisk:\n  max_risk_pct_per_trade: 0.01\n');
    hasNot(buildRunReport({ ...model, run: { ...model.run, dataSources: ['duckdb'] } }), 'SYNTHETIC DATA');
  });

  it('lists every trade as a sortable row that knows its trade, and the risk events', () => {
    expect(model.trades.length).toBeGreaterThan(10);
    expect(count(html, '<tr data-intent=')).toBe(model.trades.length);
    has(html, '<table id="trades-table" class="sortable">');
    has(html, '<td class="neg">rejected</td><td class="wrap">scalp SELL: already positioned in this symbol</td>');
    has(html, '<td>guard-halt</td><td class="neg">trading halted</td><td class="wrap">daily loss guard: ');
  });

  it('shows every statistic src/stats computed, as `optbot backtest` prints them', () => {
    const cells = [...html.matchAll(/<div class="stat"><div class="k">([^<]*)<\/div><div class="v[^"]*">([^<]*)<\/div>/g)].map((m) => [m[1], m[2]]);
    expect(cells).toEqual(statisticsRows(model.statistics).map((row) => row.map(escapeHtml)));
    has(html, `<div class="k">trades</div><div class="v">${model.trades.length}</div>`);
    has(html, '<div class="k">sessions</div><div class="v">5</div>');
    has(html, '<div class="k">initial equity</div><div class="v">$100,000.00</div>');
    has(html, `<div class="k">total return</div><div class="v neg">${formatStatistic('totalReturn', model.statistics.totalReturn)}</div>`);
  });

  it('is deterministic: the same model gives the same bytes', () => {
    expect(buildRunReport(model)).toBe(html);
  });

  it('builds a report of a run that saw nothing (no bars, trades, equity or days)', () => {
    const empty = new Float64Array(0);
    const none = buildRunReport({
      ...model, signals: [], riskDecisions: [], orders: [], fills: [], trades: [], bars: [], marks: [], logs: [],
      equity: { ts: empty, equity: empty, cash: empty, realized: empty, unrealized: empty, openPositions: empty, length: 0 },
      statistics: { ...model.statistics, trades: 0, daily: [] },
    });
    has(none, '<h2>Trades (0)</h2><p class="note">No trades.</p>');
    hasNot(none, 'id="price-0"');
  });

  it('leaves out the option charts in stock mode', () => {
    expect(stock.trades.length).toBeGreaterThan(0);
    const page = buildRunReport(stock);
    has(page, 'id="price-0"');
    hasNot(page, 'id="premium-trade"');
    hasNot(page, 'id="premium-paths"');
  });
});

describe('escaping', () => {
  it('escapes text and attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('packs the page data as deflated base64: nothing but the base64 alphabet, and it inflates back to the data', () => {
    const s = encodePayload({ v: HOSTILE });
    expect(s).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(reportPayload(`<script type="application/octet-stream" id="report-data">${s}</script>`)).toEqual({ v: HOSTILE });
  });

  it('a hostile symbol, run id, setting, log message and risk reason cannot break out of the page', async () => {
    const own = ownPart(buildRunReport(await hostileModel()));
    expect(count(own, '</script')).toBe(5);
    expect(count(own, '<!--')).toBe(0);
    hasNot(own, '<img');
    expect(JSON.stringify(reportPayload(own))).toContain(JSON.stringify(HOSTILE).slice(1, -1)); // the data carries the text itself
    has(own, escapeHtml(`SPY${HOSTILE}`));
    has(own, `broker said ${escapeHtml(HOSTILE)}`);
  });
});
