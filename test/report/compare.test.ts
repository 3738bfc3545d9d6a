import { describe, expect, it } from 'vitest';
import { firstDivergence } from '../../src/report/compare/divergence.js';
import { matchTrades } from '../../src/report/compare/match-trades.js';
import { buildCompareReport } from '../../src/report/compare-report.js';
import { escapeHtml } from '../../src/report/escape.js';
import type { ReportModel, TradeRecord } from '../../src/report/model.js';
import { reportModelFromBars } from '../support/report-model.js';
import { syntheticBars } from '../support/spy-bars.js';
import { HOSTILE, hostileModel } from './hostile-model.js';
import { count, ownPart } from './report-text.js';

const MIN = 60_000;
const trade = (intentId: string, entryMin: number, right: 'C' | 'P' | null, symbol = 'SPY'): TradeRecord => ({
  intentId, symbol, instrument: right ? 'option' : 'stock', contract: `${symbol} ${right ?? ''}`, right, quantity: 1,
  entryTs: entryMin * MIN, entryPrice: 1, exitTs: (entryMin + 5) * MIN, exitPrice: 1.1, exitReason: 'take-profit',
  pnl: 10, fees: 1, mae: 0, mfe: 10, holdingMs: 5 * MIN, takeProfitPrice: 1.2, stopPrice: 0.9,
});
const clone = (m: ReportModel): ReportModel => ({ ...m, signals: m.signals.map((s) => ({ ...s, reasons: [...s.reasons] })) });

describe('matching trades of two runs', () => {
  it('pairs the nearest same-side entry within 5 minutes and lists the rest per side', () => {
    const a = [trade('a1', 100, 'C'), trade('a2', 200, 'P'), trade('a3', 300, 'C'), trade('a4', 400, 'C', 'QQQ')];
    const b = [trade('b1', 103, 'C'), trade('b0', 101, 'C'), trade('b2', 202, 'C'), trade('b3', 306, 'C'), trade('b4', 400, 'C')];
    const m = matchTrades(a, b);
    expect(m.matched.map((x) => [x.a.intentId, x.b.intentId])).toEqual([['a1', 'b0']]);
    expect(m.onlyA.map((t) => t.intentId)).toEqual(['a2', 'a3', 'a4']); // wrong side, 6 min late, other symbol
    expect(m.onlyB.map((t) => t.intentId)).toEqual(['b1', 'b2', 'b3', 'b4']);
  });
});

describe('first divergence', () => {
  const base = reportModelFromBars(syntheticBars(4));

  it('is none for a run against itself', () => {
    expect(firstDivergence(base, clone(base))).toBeNull();
  });

  it('is the first decision that differs, with both sides’ reasons and the agreed decisions before it', () => {
    const other = clone(base);
    const k = other.signals.findIndex((s, i) => i > 10 && s.action === 'HOLD');
    other.signals[k] = { ...other.signals[k]!, action: 'BUY', reasons: ['the other side’s reason'] };
    const d = firstDivergence(base, other)!;
    expect(d.a).toMatchObject({ ts: base.signals[k]!.ts, kind: 'signal', why: base.signals[k]!.reasons.join('; ') });
    expect(d.a!.what).toContain('HOLD');
    expect(d.b).toMatchObject({ ts: base.signals[k]!.ts, kind: 'signal', why: 'the other side’s reason' });
    expect(d.b!.what).toContain('BUY');
    expect(d.before).toHaveLength(3);
    expect(d.before.every((x) => x.ts <= base.signals[k]!.ts)).toBe(true);
  });

  it('reports "no further decision" for a run that stopped early (null side)', () => {
    const other = { ...base, signals: base.signals.slice(0, 5), riskDecisions: [], orders: [] };
    const d = firstDivergence(base, other)!;
    expect(d.b === null || d.b.ts >= base.signals[4]!.ts).toBe(true);
    expect(d.a).not.toBeNull();
  });
});

describe('buildCompareReport', () => {
  const a = reportModelFromBars(syntheticBars(4));
  const b = reportModelFromBars(syntheticBars(4), { gap: 0.0015 });
  const html = buildCompareReport(a, b);

  it('shows both runs, the divergence, the statistics difference and the trades matched and not', () => {
    for (const id of ['divergence-table', 'stats-diff', 'cmp-equity', 'cmp-daily', 'matched', 'only-a', 'only-b']) expect(html.includes(`id="${id}"`), id).toBe(true);
    const m = matchTrades(a.trades, b.trades);
    expect(html.includes(`Matched trades (${m.matched.length})`)).toBe(true);
    expect(html.includes(`Only in A (${m.onlyA.length})`)).toBe(true);
    expect(buildCompareReport(a, b)).toBe(html);
  });

  it('escapes hostile text from either run', () => {
    const h = ownPart(buildCompareReport(hostileModel(), a));
    expect(h.includes(escapeHtml(`SPY${HOSTILE}`))).toBe(true);
    expect(h.includes('<img')).toBe(false);
    expect(count(h, '</script')).toBe(5);
  });
});
