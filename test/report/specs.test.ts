import { compile, type TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { datasetNames } from '../../src/report/page.js';
import { calendarSpec, dailyPnlSpec } from '../../src/report/specs/daily-pnl.js';
import { equitySpec } from '../../src/report/specs/equity.js';
import { premiumPathsSpec, TRADE_PARAM, tradePremiumSpec } from '../../src/report/specs/premium.js';
import { BRUSH, OVERVIEW_VIEW, priceSpec } from '../../src/report/specs/price.js';

/** Compiles to Vega, failing on any vega-lite warning (a dropped encoding or conflicting scale is a bug). */
function compiled(spec: TopLevelSpec) {
  const warnings: string[] = [];
  const logger = { level: () => logger, warn: (...m: unknown[]) => warnings.push(m.join(' ')), info: () => logger, debug: () => logger, error: (...m: unknown[]) => warnings.push(m.join(' ')) };
  const vg = compile(spec, { logger: logger as never }).spec;
  expect(warnings).toEqual([]);
  return vg;
}

const json = (x: unknown): string => JSON.stringify(x);

describe('chart spec builders', () => {
  const price = priceSpec({ overview: 'ov', bars: 'b', trades: 't', signals: 's', initialRange: [1_000, 2_000] });

  it('price: an overview with a brush starting on the given range, which zooms and filters the detail and the signals', () => {
    const vg = compiled(price);
    const [overview, detail, signals] = (price as unknown as { vconcat: Record<string, unknown>[] }).vconcat;
    expect(overview!.name).toBe(OVERVIEW_VIEW);
    expect(json(overview)).toContain(json({ name: BRUSH, value: { x: [1_000, 2_000] }, select: { type: 'interval', encodings: ['x'] } }));
    expect(json(detail).match(/"domain":\{"param":"brush"\}/g)?.length).toBe(6); // candles, bucket band and line, trade rule, entries, exits
    expect(json(detail).match(/"filter":\{"param":"brush"\}/g)?.length).toBe(4); // candles, bucket band and line, trades
    expect(json(signals)).toContain('"filter":{"param":"brush"}');
    expect(vg.scales?.map((s) => s.name)).toContain(`${OVERVIEW_VIEW}_x`); // the page script moves the brush through it
    expect(datasetNames(price).sort()).toEqual(['b', 'ov', 's', 't']);
  });

  it('price: the detail draws 1-minute bars up to a 10-day brush and the overview buckets beyond it', () => {
    const narrow = 'isValid(brush.ts) && brush.ts[1] - brush.ts[0] <= 864000000';
    const layers = (price as unknown as { vconcat: { layer: { data: { name: string }; transform: { filter: unknown }[] }[] }[] }).vconcat[1]!.layer;
    expect(layers.slice(0, 3).map((l) => [l.data.name, l.transform[0]!.filter])).toEqual([['b', narrow], ['ov', `!(${narrow})`], ['ov', `!(${narrow})`]]);
  });

  it('price: entries shaped by call/put, coloured by win/loss; signals by action with confidence as opacity', () => {
    const s = json(price);
    expect(s).toContain(json({ field: 'side', type: 'nominal', scale: { domain: ['call', 'put', 'stock'], range: ['triangle-up', 'triangle-down', 'diamond'] }, legend: null }));
    expect(s).toContain('"field":"outcome","type":"nominal","scale":{"domain":["win","loss"]');
    expect(s).toContain(json({ field: 'confidence', type: 'quantitative', scale: { domain: [0, 1], range: [0.15, 1] }, legend: null }));
    expect(s).toContain('"scale":{"domain":["BUY","HOLD","SELL"]}');
  });

  it('equity: the equity band and line above the drawdown, on one time axis', () => {
    const spec = equitySpec('eq') as unknown as { vconcat: unknown[]; data: { name: string } };
    compiled(spec as TopLevelSpec);
    expect(spec.data.name).toBe('eq');
    expect(json(spec.vconcat[0])).toContain('"field":"last"');
    expect(json(spec.vconcat[1])).toContain('"field":"dd"');
  });

  it('daily P&L: bars per day and a weekday × week calendar centred on zero', () => {
    compiled(dailyPnlSpec('d'));
    const cal = calendarSpec('d');
    compiled(cal);
    expect(json(cal)).toContain('"field":"week","type":"ordinal"');
    expect(json(cal)).toContain('"timeUnit":"utcday"');
    expect(json(cal)).toContain('"domainMid":0');
  });

  it('premium: the focused trade follows the trade parameter; all paths show median take-profit and stop', () => {
    const one = tradePremiumSpec('m', 'l', 'i42');
    const vg = compiled(one);
    expect(vg.signals?.find((s) => s.name === TRADE_PARAM)).toMatchObject({ value: 'i42' });
    expect(json(one).match(/datum.intent === trade/g)?.length).toBe(2);
    expect(json(one)).toContain('"field":"tp"');
    expect(json(one)).toContain('"field":"stop"');
    const all = premiumPathsSpec('m', 'l');
    compiled(all);
    expect(json(all)).toContain('"aggregate":"median","field":"tpRel"');
    expect(json(all)).toContain('"aggregate":"median","field":"stopRel"');
  });
});
