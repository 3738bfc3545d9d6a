import { describe, expect, it } from 'vitest';
import { flat, runScenario, type Ohlc } from '../support/scenario.js';

/*
 * Every scenario trades the linear market of test/support/scenario.ts: option mid = 2.00 at
 * S = 500, moving 0.50 per dollar of SPY, bid/ask = mid ∓ 0.02. Defaults: equity 100,000,
 * risk 1 %, take-profit 20 %, stop 10 %, entry at the ask.
 *   BUY at the 09:35 cycle (S = 500): call ask 2.02 → parent limit 2.02.
 *   size = floor(100,000 × 0.01 / (2.02 × 0.10 × 100)) = floor(1000 / 20.2) = 49 contracts.
 *   take-profit = 2.02 × 1.2 = 2.424 → 2.42; stop = 2.02 × 0.9 = 1.818 → 1.82.
 *   fees 49 × $0.65 = $31.85 per side.
 * The parent fills in the 09:35 bar (open ask 2.02 ≤ 2.02); children act from the 09:36 bar.
 */
const ENTRY_FEES = 31.85;
const QTY = 49;
const pnl = (exit: number, exitFees = ENTRY_FEES) => Math.round(((exit - 2.02) * QTY * 100 - ENTRY_FEES - exitFees) * 100) / 100;

/** Five flat bars, the entry bar, then `after` bars from 09:36 on. */
const day = (after: readonly Ohlc[], signals: Record<string, 'BUY' | 'SELL'> = { '09:35': 'BUY' }, date = '2024-04-03') => ({
  date,
  bars: [...flat(6), ...after],
  signals,
});

describe('hand-built scenarios: exact fills and P&L', () => {
  it('a bracket hitting its take-profit', () => {
    // 09:36: high 501 → call mid 2.50, bid 2.48 ≥ 2.42; low 499.9 → bid 1.93 > stop.
    const { journal, outcome } = runScenario([day([[500, 501, 499.9, 500.5]])]);
    expect(journal.fills.map((f) => [f.role, f.quantity, f.price, f.fees])).toEqual([
      ['entry', QTY, 2.02, ENTRY_FEES],
      ['take-profit', QTY, 2.42, ENTRY_FEES],
    ]);
    const [trade] = journal.trades;
    expect(trade).toMatchObject({ exitReason: 'take-profit', contract: 'SPY 2024-04-05 500C', right: 'C', quantity: QTY, takeProfitPrice: 2.42, stopPrice: 1.82 });
    expect(trade!.pnl).toBeCloseTo(pnl(2.42), 9); // 0.40 × 4900 − 63.70 = 1896.30
    expect(outcome.finalEquity).toBeCloseTo(100_000 + 1896.3, 6);
    expect(journal.orders.filter((o) => o.status === 'cancelled').map((o) => o.orderId)).toEqual([expect.stringMatching(/-SL$/)]);
  });

  it('a bracket hitting its stop', () => {
    // 09:36: low 499 → mid 1.50, bid 1.48 ≤ 1.82: the stop fills at its price.
    const { journal } = runScenario([day([[500, 500.1, 499, 499.5]])]);
    const [trade] = journal.trades;
    expect(trade).toMatchObject({ exitReason: 'stop-loss', exitPrice: 1.82 });
    expect(trade!.pnl).toBeCloseTo(pnl(1.82), 9); // −0.20 × 4900 − 63.70 = −1043.70
  });

  it('both children in one bar: the stop wins', () => {
    const { journal } = runScenario([day([[500, 501, 499, 500]])]);
    expect(journal.trades.map((t) => [t.exitReason, t.exitPrice])).toEqual([['stop-loss', 1.82]]);
  });

  it('a gap through the stop fills at the open, not at the stop', () => {
    // 09:36 opens at 498: mid 1.00, bid 0.98.
    const { journal } = runScenario([day([[498, 498.5, 497.5, 498]])]);
    const [trade] = journal.trades;
    expect(trade).toMatchObject({ exitReason: 'stop-loss', exitPrice: 0.98 });
    expect(trade!.pnl).toBeCloseTo(pnl(0.98), 9); // −1.04 × 4900 − 63.70 = −5159.70
  });

  it('an unfilled parent is cancelled after cancel_unfilled_after_seconds', () => {
    // Entry at the mid (2.00); the 09:35 bar only rises (ask ≥ 2.02), so the limit never fills.
    const { journal, outcome } = runScenario(
      [{ date: '2024-04-03', bars: [...flat(5), [500, 500.5, 500, 500.4], [500.4, 500.6, 500.3, 500.5]], signals: { '09:35': 'BUY' } }],
      (s) => {
        s.execution.entry_price = 'mid';
        s.execution.cancel_unfilled_after_seconds = 60;
      },
    );
    expect(journal.fills).toEqual([]);
    expect(journal.trades).toEqual([]);
    const parent = journal.orders.filter((o) => o.role === 'entry').map((o) => [o.status, o.price]);
    expect(parent).toEqual([
      ['pending', 2],
      ['working', 2],
      ['cancelled', 2],
    ]);
    expect(outcome.finalEquity).toBe(100_000);
  });

  it('an entry still unfilled at the close is cancelled as a day order', () => {
    // Entry at the mid (2.00) with no timeout; every later bar only rises, so the limit never fills.
    const { journal } = runScenario(
      [{ date: '2024-04-03', bars: [...flat(5), ...Array.from({ length: 10 }, (_, i) => [500 + i / 10, 500.1 + i / 10, 500 + i / 10, 500.1 + i / 10] as const)], signals: { '09:35': 'BUY' } }],
      (s) => {
        s.execution.entry_price = 'mid';
        s.execution.cancel_unfilled_after_seconds = 0;
      },
    );
    const parent = journal.orders.filter((o) => o.role === 'entry');
    expect(parent.map((o) => o.status)).toEqual(['pending', 'working', 'cancelled']);
    expect(parent.at(-1)).toMatchObject({ ts: Date.UTC(2024, 3, 3, 20, 0), reason: 'session closed' });
  });

  it('the daily loss guard halts a session and releases the next one', () => {
    // Day 1: the gap through the stop loses 5159.70 > 5 % of 100,000: halted; the 09:40 BUY is refused.
    // Day 2: a fresh state; the BUY at 09:35 is approved and sized on the smaller equity.
    const { journal } = runScenario([
      day([[498, 498.5, 497.5, 498], ...flat(5, 498)], { '09:35': 'BUY', '09:40': 'BUY' }),
      day([], { '09:35': 'BUY' }, '2024-04-04'),
    ]);
    const risk = journal.riskDecisions.map((r) => [r.kind, r.approved]);
    expect(risk).toEqual([
      ['entry', true],
      ['guard-halt', false],
      ['entry', false],
      ['guard-release', true],
      ['entry', true],
    ]);
    expect(journal.riskDecisions[2]!.reason).toContain('halted: daily loss guard');
    // Equity 94,840.30: floor(948.403 / 20.2) = 46 contracts.
    expect(journal.fills.at(-1)).toMatchObject({ role: 'entry', quantity: 46 });
  });

  it('sizing rejects a trade it cannot size', () => {
    const { journal } = runScenario([day([])], (s) => {
      s.backtest.initial_equity = 1000; // budget $10 < $20.20 risk per contract
    });
    expect(journal.riskDecisions).toEqual([
      expect.objectContaining({ kind: 'entry', approved: false, reason: expect.stringContaining('size 0: risk budget $10.00 < risk per contract $20.20') }),
    ]);
    expect(journal.orders).toEqual([]);
  });

  it('the flatten time closes a same-day expiry at the next open', () => {
    // 0DTE call; the 09:45 flatten (a market sell) fills at the 09:45 bar's open bid 1.98.
    const { journal } = runScenario(
      [day(flat(15))],
      (s) => {
        s.schedule.flatten_time = '09:45';
      },
      '2024-04-03',
    );
    const [trade] = journal.trades;
    expect(trade).toMatchObject({ exitReason: 'flatten', exitPrice: 1.98 });
    expect(trade!.exitTs).toBe(Date.UTC(2024, 3, 3, 13, 45));
    expect(trade!.pnl).toBeCloseTo(pnl(1.98), 9); // −0.04 × 4900 − 63.70 = −259.70
  });

  it('settles at intrinsic at expiry', () => {
    // Brackets out of reach (TP 90 %, stop 50 %), no flatten: the 500C expiring today settles at
    // the last close 503 → intrinsic 3.00, without fees. Size floor(1000 / (2.02 × 0.5 × 100)) = 9.
    const { journal } = runScenario(
      [day([[500, 503, 500, 503]])],
      (s) => {
        s.risk.take_profit_pct = 0.9;
        s.risk.stop_loss_pct = 0.5;
        s.schedule.flatten_scope = 'none';
      },
      '2024-04-03',
    );
    const [trade] = journal.trades;
    expect(trade).toMatchObject({ exitReason: 'expiry', exitPrice: 3, quantity: 9 });
    expect(trade!.exitTs).toBe(Date.UTC(2024, 3, 3, 20, 0));
    expect(trade!.pnl).toBeCloseTo((3 - 2.02) * 900 - 9 * 0.65, 9); // 882 − 5.85 = 876.15
  });
});
