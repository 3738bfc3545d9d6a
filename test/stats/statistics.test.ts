import { describe, expect, it } from 'vitest';
import { JournalBuffer } from '../../src/journal/journal-buffer.js';
import type { TradeRecord } from '../../src/journal/records.js';
import { formatStatistic, statisticsRows } from '../../src/stats/format-statistics.js';
import { computeStatistics } from '../../src/stats/statistics.js';

/** Equity points as [UTC ISO time, equity, open positions]. */
function equityOf(points: [string, number, number][]) {
  const b = new JournalBuffer();
  for (const [iso, e, open] of points) b.equity(Date.parse(iso), e, e, 0, 0, open);
  return b.equitySeries;
}

const trade = (pnl: number, fees = 2): TradeRecord => ({
  intentId: `i${pnl}`,
  symbol: 'SPY',
  instrument: 'stock',
  contract: 'SPY',
  right: null,
  quantity: 10,
  entryTs: 0,
  entryPrice: 1,
  exitTs: 1,
  exitPrice: 1,
  exitReason: 'take-profit',
  pnl,
  fees,
  mae: 0,
  mfe: 0,
  holdingMs: 1,
  takeProfitPrice: 1,
  stopPrice: 1,
});

describe('computeStatistics on a hand-built run', () => {
  // Wed 27 Mar, Thu 28 Mar, (Good Friday closed, weekend), Mon 1 Apr 2024; daily returns +10 %, −5 %, +10 %.
  const equity = equityOf([
    ['2024-03-27T14:00:00Z', 1000, 0],
    ['2024-03-27T19:59:00Z', 1100, 1], // session close 1100: peak
    ['2024-03-28T14:00:00Z', 990, 1], // trough: 10 % below 1100
    ['2024-03-28T19:59:00Z', 1045, 0],
    ['2024-04-01T14:00:00Z', 1210, 1], // back above the peak: recovered
    ['2024-04-01T19:59:00Z', 1149.5, 0],
  ]);
  const s = computeStatistics([trade(100), trade(-50), trade(30), trade(0)], equity, 1000);

  it('returns', () => {
    expect(s.finalEquity).toBe(1149.5);
    expect(s.totalReturn).toBeCloseTo(0.1495, 12);
    expect(s.sessions).toBe(3);
    // 1.1495^(252/3) − 1
    expect(s.annualizedReturn / 120990.2464498536).toBeCloseTo(1, 9);
  });

  it('Sharpe and Sortino on daily returns, annualised with √252', () => {
    // mean 0.05, sample sd √0.0075 = 0.0866025, × √252
    expect(s.sharpe).toBeCloseTo(9.165151389911681, 9);
    // downside deviation √(0.05² / 3) = 0.0288675
    expect(s.sortino).toBeCloseTo(27.495454169735044, 9);
  });

  it('max drawdown and its duration from peak to recovery', () => {
    expect(s.maxDrawdown).toBeCloseTo(0.1, 12);
    expect(s.maxDrawdownRecovered).toBe(true);
    expect(s.maxDrawdownSessions).toBe(2);
    expect(s.maxDrawdownDays).toBe(5);
  });

  it('trade figures', () => {
    expect(s.trades).toBe(4);
    expect(s.winRate).toBe(0.5);
    expect(s.profitFactor).toBeCloseTo(2.6, 12);
    expect(s.expectancy).toBe(20);
    expect(s.averageWin).toBe(65);
    expect(s.averageLoss).toBe(-50);
    expect(s.tradesPerDay).toBeCloseTo(4 / 3, 12);
    expect(s.feesPaid).toBe(8);
  });

  it('prints as summary rows', () => {
    const rows = new Map(statisticsRows(s));
    expect(rows.get('profit factor')).toBe('2.60');
    expect(rows.get('max drawdown')).toBe('10.00 %');
    expect(rows.get('average loss')).toBe('−$50.00');
    expect(rows.get('final equity')).toBe('$1,149.50');
    expect(rows.get('max drawdown recovered')).toBe('yes');
  });

  it('exposure and daily P&L', () => {
    expect(s.exposure).toBe(0.5);
    expect(s.daily.map((d) => d.date)).toEqual(['2024-03-27', '2024-03-28', '2024-04-01']);
    expect(s.daily.map((d) => d.pnl)).toEqual([100, -55, 104.5]);
  });
});

describe('computeStatistics edge cases', () => {
  it('groups by the New York date, not the UTC date', () => {
    // 00:30 UTC on the 28th is 20:30 on the 27th in New York (EDT).
    const s = computeStatistics([], equityOf([['2024-03-27T19:00:00Z', 1010, 0], ['2024-03-28T00:30:00Z', 1020, 0], ['2024-03-28T14:00:00Z', 1000, 0]]), 1000);
    expect(s.daily).toEqual([
      { date: '2024-03-27', pnl: 20 },
      { date: '2024-03-28', pnl: -20 },
    ]);
  });

  it('an unrecovered drawdown from the initial equity lasts to the end', () => {
    const s = computeStatistics(
      [trade(-30), trade(-20)],
      equityOf([['2024-03-27T14:00:00Z', 950, 1], ['2024-03-28T14:00:00Z', 900, 0], ['2024-04-01T14:00:00Z', 920, 0]]),
      1000,
    );
    expect(s.maxDrawdown).toBeCloseTo(0.1, 12);
    expect(s.maxDrawdownRecovered).toBe(false);
    expect(s.maxDrawdownSessions).toBe(2);
    expect(s.maxDrawdownDays).toBe(5);
    expect(s.profitFactor).toBe(0);
    expect(s.winRate).toBe(0);
    expect(s.averageWin).toBeNaN();
    expect(s.sharpe).toBeLessThan(0);
  });

  it('the deepest drawdown is reported, not the longest', () => {
    const s = computeStatistics(
      [],
      equityOf([
        ['2024-03-27T14:00:00Z', 990, 0], // 1 % below the initial 1000 …
        ['2024-03-28T14:00:00Z', 1200, 0], // … recovered; new peak
        ['2024-04-01T14:00:00Z', 900, 0], // 25 % below 1200
        ['2024-04-02T14:00:00Z', 1300, 0],
      ]),
      1000,
    );
    expect(s.maxDrawdown).toBeCloseTo(0.25, 12);
    expect([s.maxDrawdownSessions, s.maxDrawdownDays, s.maxDrawdownRecovered]).toEqual([2, 5, true]);
  });

  it('no losses: profit factor and Sortino are infinite; nothing at all: NaN', () => {
    const s = computeStatistics([trade(10)], equityOf([['2024-03-27T14:00:00Z', 1010, 0], ['2024-03-28T14:00:00Z', 1020, 0]]), 1000);
    expect(s.profitFactor).toBe(Infinity);
    expect(s.sortino).toBe(Infinity);
    expect(s.maxDrawdown).toBe(0);
    expect(formatStatistic('profitFactor', s.profitFactor)).toBe('∞');
    const none = computeStatistics([], equityOf([]), 1000);
    expect([none.sessions, none.totalReturn, none.maxDrawdown, none.feesPaid]).toEqual([0, 0, 0, 0]);
    expect([none.sharpe, none.winRate, none.expectancy, none.exposure]).toEqual([NaN, NaN, NaN, NaN]);
    expect(formatStatistic('sharpe', none.sharpe)).toBe('–');
  });
});
