import { describe, expect, it } from 'vitest';
import { buildRunReport } from '../../src/report/run-report.js';
import { chartLibraries } from '../../src/report/assets.js';
import { escapeHtml, jsonForScript } from '../../src/report/escape.js';
import { reportModelFromBars } from '../support/report-model.js';
import { syntheticBars } from '../support/spy-bars.js';
import { HOSTILE, hostileModel } from './hostile-model.js';
import { count, ownPart } from './report-text.js';

/** Substring checks that report a label, not a 6 MB string, when they fail. */
const has = (html: string, sub: string): void => expect(html.includes(sub), `report contains ${JSON.stringify(sub)}`).toBe(true);
const hasNot = (html: string, sub: string): void => expect(html.includes(sub), `report must not contain ${JSON.stringify(sub)}`).toBe(false);

describe('buildRunReport', () => {
  const model = reportModelFromBars(syntheticBars(5), { dataSources: ['synthetic'] });
  const html = buildRunReport(model);

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
    has(html, '<details><summary>Settings</summary><pre>risk:\n  take_profit_pct: 0.2');
    hasNot(buildRunReport({ ...model, run: { ...model.run, dataSources: ['duckdb'] } }), 'SYNTHETIC DATA');
  });

  it('lists every trade as a sortable row that knows its trade, and the risk events', () => {
    expect(count(html, '<tr data-intent=')).toBe(model.trades.length);
    has(html, '<table id="trades-table" class="sortable">');
    has(html, '<td class="neg">rejected</td><td class="wrap">a position is already open</td>');
  });

  it('is deterministic: the same model gives the same bytes', () => {
    expect(buildRunReport(model)).toBe(html);
  });

  it('builds a report of a run that saw nothing (no bars, trades, equity or days)', () => {
    const empty = new Float64Array(0);
    const none = buildRunReport({
      ...model, signals: [], riskDecisions: [], orders: [], fills: [], trades: [], bars: [], marks: [], logs: [],
      equity: { ts: empty, equity: empty, cash: empty, realized: empty, unrealized: empty, length: 0 },
      statistics: { ...model.statistics, trades: 0, daily: [] },
    });
    has(none, '<h2>Trades (0)</h2><p class="note">No trades.</p>');
    hasNot(none, 'id="price-0"');
  });

  it('leaves out the option charts in stock mode', () => {
    const stock = buildRunReport({ ...model, run: { ...model.run, instrument: 'stock' }, marks: [] });
    hasNot(stock, 'id="premium-trade"');
    hasNot(stock, 'id="premium-paths"');
  });
});

describe('escaping', () => {
  it('escapes text and attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('makes JSON safe inside a script: no <, >, & or line separators survive, and it still parses back', () => {
    const s = jsonForScript({ v: HOSTILE });
    expect(s).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(s)).toEqual({ v: HOSTILE });
  });

  it('a hostile symbol, run id, setting, log message and risk reason cannot break out of the page', () => {
    const own = ownPart(buildRunReport(hostileModel()));
    expect(count(own, '</script')).toBe(5);
    expect(count(own, '<!--')).toBe(0);
    hasNot(own, '<img');
    const data = own.match(/<script type="application\/json" id="report-data">([^<]*)<\/script>/)![1]!;
    expect(data).not.toMatch(/[<>&\u2028\u2029]/); // in the script: inert escapes only
    expect(JSON.stringify(JSON.parse(data))).toContain(JSON.stringify(HOSTILE).slice(1, -1)); // …which decode to the text itself
    has(own, escapeHtml(`SPY${HOSTILE}`));
    has(own, `broker said ${escapeHtml(HOSTILE)}`);
  });
});
