import { beforeAll, describe, expect, it } from 'vitest';
import { firstDivergence } from '../../src/report/compare/divergence.js';
import { matchTrades } from '../../src/report/compare/match-trades.js';
import { buildCompareReport } from '../../src/report/compare-report.js';
import { escapeHtml } from '../../src/report/escape.js';
import type { TradeRecord } from '../../src/journal/records.js';
import type { ReportModel } from '../../src/report/model.js';
import { syntheticReports } from '../support/real-backtest.js';
import { HOSTILE, hostileModel } from './hostile-model.js';
import { count, ownPart } from './report-text.js';

const MIN = 60_000;
const trade = (intentId: string, entryMin: number, right: 'C' | 'P' | null, symbol = 'SPY'): TradeRecord => ({
  intentId, symbol, instrument: right ? 'option' : 'stock', contract: `${symbol} ${right ?? ''}`, right, quantity: 1,
  entryTs: entryMin * MIN, entryPrice: 1, exitTs: (entryMin + 5) * MIN, exitPrice: 1.1, exitReason: 'take-profit',
  pnl: 10, fees: 1, mae: 0, mfe: 10, holdingMs: 5 * MIN, takeProfitPrice: 1.2, stopPrice: 0.9,
});
const clone = (m: ReportModel): ReportModel => ({ ...m, signals: m.signals.map((s) => ({ ...s, facts: [...s.facts], reasons: [...s.reasons] })) });

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

/** Real backtests of the same five synthetic sessions: stop-loss at 10 % (A, the default) and at 15 % (B). */
let a: ReportModel;
let b: ReportModel;
beforeAll(async () => {
  [a, b] = (await syntheticReports({ sessions: 5 }, () => {}, (s) => (s.risk.stop_loss_pct = 0.15))) as [ReportModel, ReportModel];
});

describe('first divergence', () => {
  it('is the first order of the two stop-losses: the wider stop sizes the same entry smaller', () => {
    const d = firstDivergence(a, b)!;
    expect(d.agreed).toBeGreaterThan(0);
    expect([d.a!.kind, d.b!.kind]).toEqual(['order', 'order']);
    expect(d.a!.ts).toBe(d.b!.ts);
    expect(d.a!.what).not.toBe(d.b!.what);
  });

  it('is none for a run against itself', () => {
    expect(firstDivergence(a, clone(a))).toBeNull();
  });

  it('is the first decision that differs, with both sides’ reasons and the agreed decisions before it', () => {
    const other = clone(a);
    const k = other.signals.findIndex((s, i) => i > 10 && s.action === 'HOLD');
    other.signals[k] = { ...other.signals[k]!, action: 'BUY', reasons: ['the other side’s reason'] };
    const d = firstDivergence(a, other)!;
    expect(d.a).toMatchObject({ ts: a.signals[k]!.ts, kind: 'signal', why: a.signals[k]!.reasons.join('; ') });
    expect(d.a!.what).toContain('HOLD');
    expect(d.b).toMatchObject({ ts: a.signals[k]!.ts, kind: 'signal', why: 'the other side’s reason' });
    expect(d.b!.what).toContain('BUY');
    expect(d.before).toHaveLength(3);
    expect(d.before.every((x) => x.ts <= a.signals[k]!.ts)).toBe(true);
  });

  it('reports "no further decision" for a run that stopped early (null side)', () => {
    const other = { ...a, signals: a.signals.slice(0, 5), riskDecisions: [], orders: [] };
    const d = firstDivergence(a, other)!;
    expect(d.b === null || d.b.ts >= a.signals[4]!.ts).toBe(true);
    expect(d.a).not.toBeNull();
  });
});

describe('buildCompareReport', () => {
  it('shows both runs, the divergence, the statistics difference and the trades matched and not', () => {
    const html = buildCompareReport(a, b);
    for (const id of ['divergence-table', 'stats-diff', 'cmp-equity', 'cmp-daily', 'matched', 'only-a', 'only-b']) expect(html.includes(`id="${id}"`), id).toBe(true);
    const m = matchTrades(a.trades, b.trades);
    expect(m.matched.length).toBeGreaterThan(0);
    expect(html.includes(`Matched trades (${m.matched.length})`)).toBe(true);
    expect(html.includes(`Only in A (${m.onlyA.length})`)).toBe(true);
    expect(buildCompareReport(a, b)).toBe(html);
  });

  it('escapes hostile text from either run', async () => {
    const h = ownPart(buildCompareReport(await hostileModel(), a));
    expect(h.includes(escapeHtml(`SPY${HOSTILE}`))).toBe(true);
    expect(h.includes('<img')).toBe(false);
    expect(count(h, '</script')).toBe(5);
  });
});
