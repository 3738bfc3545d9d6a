import type { BarColumns } from '../../src/core/bar.js';
import type { Signal } from '../../src/core/signal.js';
import { DAY_MS } from '../../src/core/time.js';
import type { DailyPnl, ExitReason, FillRecord, LogRecord, OrderRecord, PremiumMarks, ReportModel, RiskDecision, RunStatistics, TradeRecord } from '../../src/report/model.js';
import { NyClock } from '../../src/report/ny-time.js';

/**
 * A report model from real bars and a small deterministic rule, standing in for a backtest's journal
 * until the engine writes one (swap this file for a journal read then). Every 5 minutes the close is
 * compared with its 20-bar EMA: more than `gap` above → BUY (a call), below → SELL (a put). The premium is a
 * crude delta-0.5 model with time decay; exits at +20 % / −10 % of premium or flat at 15:55; a 5 %
 * daily loss guard halts entries for the rest of the day.
 */
export function reportModelFromBars(bars: BarColumns, opts: { symbol?: string; dataSources?: string[]; gap?: number } = {}): ReportModel {
  const symbol = opts.symbol ?? 'SPY';
  const gap = opts.gap ?? 0.0008;
  const clock = new NyClock();
  const start = 100_000;
  const signals: Signal[] = [], risk: RiskDecision[] = [], orders: OrderRecord[] = [], fills: FillRecord[] = [];
  const trades: TradeRecord[] = [], marks: PremiumMarks[] = [], logs: LogRecord[] = [];
  const n = bars.length;
  const eq = { ts: Float64Array.from(bars.ts), equity: new Float64Array(n), cash: new Float64Array(n), realized: new Float64Array(n), unrealized: new Float64Array(n), length: n };
  let cash = start, realized = 0, ema = bars.close[0]!, day = '', dayStartEquity = start, halted = false;
  let open: { t: TradeRecord; dir: number; s0: number; p0: number; ts: number[]; px: number[]; lo: number; hi: number } | null = null;
  const premium = (s: number, minutes: number): number => {
    const o = open!;
    return Math.max(0.01, Math.round((o.p0 + 0.5 * (s - o.s0) * o.dir - o.p0 * 0.002 * minutes) * 100) / 100);
  };

  const close = (i: number, price: number, reason: ExitReason): void => {
    const o = open!;
    const t = o.t;
    const fee = 0.65 * t.quantity;
    t.exitTs = bars.ts[i]!;
    t.exitPrice = price;
    t.exitReason = reason;
    t.fees += fee;
    t.pnl = Math.round(((price - t.entryPrice) * 100 * t.quantity - t.fees) * 100) / 100;
    t.mae = Math.round((o.lo - t.entryPrice) * 100 * t.quantity * 100) / 100;
    t.mfe = Math.round((o.hi - t.entryPrice) * 100 * t.quantity * 100) / 100;
    t.holdingMs = t.exitTs - t.entryTs;
    const role = reason === 'take-profit' ? 'take-profit' : reason === 'stop-loss' ? 'stop-loss' : 'exit';
    orders.push({ ts: t.exitTs, orderId: `${t.intentId}-x`, intentId: t.intentId, role, side: 'SELL', type: role === 'exit' ? 'MKT' : role === 'stop-loss' ? 'STP' : 'LMT', quantity: t.quantity, price, status: 'filled', reason });
    fills.push({ ts: t.exitTs, orderId: `${t.intentId}-x`, intentId: t.intentId, role, quantity: t.quantity, price, fees: fee });
    cash += price * 100 * t.quantity - fee;
    realized += t.pnl;
    marks.push({ intentId: t.intentId, ts: Float64Array.from(o.ts), price: Float64Array.from(o.px) });
    trades.push(t);
    open = null;
  };

  for (let i = 0; i < n; i++) {
    const ts = bars.ts[i]!, c = bars.close[i]!;
    const wall = clock.wall(ts);
    const minute = (wall % DAY_MS) / 60_000;
    const date = clock.date(ts);
    if (date !== day) {
      if (halted) risk.push({ ts, symbol, intentId: null, approved: true, kind: 'guard-release', reason: `new session ${date}` });
      day = date;
      halted = false;
      dayStartEquity = i > 0 ? eq.equity[i - 1]! : start;
    }
    ema += (2 / 21) * (c - ema);
    if (open) {
      const o = open;
      const m = (ts - o.t.entryTs) / 60_000;
      const [sLo, sHi] = o.dir > 0 ? [bars.low[i]!, bars.high[i]!] : [bars.high[i]!, bars.low[i]!];
      const pLo = premium(sLo, m), pHi = premium(sHi, m);
      o.lo = Math.min(o.lo, pLo);
      o.hi = Math.max(o.hi, pHi);
      o.ts.push(ts);
      o.px.push(premium(c, m));
      if (pLo <= o.t.stopPrice) close(i, o.t.stopPrice, 'stop-loss');
      else if (pHi >= o.t.takeProfitPrice) close(i, o.t.takeProfitPrice, 'take-profit');
      else if (minute >= 15 * 60 + 55 || i + 1 === n || clock.date(bars.ts[i + 1]!) !== date) close(i, premium(c, m), 'flatten');
    }
    const unrealized = open ? (open.px[open.px.length - 1]! - open.t.entryPrice) * 100 * open.t.quantity : 0;
    const held = open ? open.t.entryPrice * 100 * open.t.quantity : 0;
    eq.cash[i] = cash;
    eq.realized[i] = realized;
    eq.unrealized[i] = unrealized;
    eq.equity[i] = cash + held + unrealized;
    if (!halted && eq.equity[i]! < dayStartEquity * 0.95) {
      halted = true;
      risk.push({ ts, symbol, intentId: null, approved: false, kind: 'guard-halt', reason: `daily loss ${((eq.equity[i]! / dayStartEquity - 1) * 100).toFixed(2)} % reached the 5 % guard` });
      logs.push({ ts, level: 'warn', event: 'guard.halt', msg: 'daily loss guard halted new entries', fields: { equity: eq.equity[i] } });
    }

    if (minute % 5 !== 4 || minute < 9 * 60 + 49 || minute > 15 * 60 + 30) continue;
    const diff = (c - ema) / ema;
    const confidence = Math.min(1, Math.round(Math.abs(diff) * 400 * 1000) / 1000);
    const action = diff > gap ? 'BUY' : diff < -gap ? 'SELL' : 'HOLD';
    signals.push({ ts, symbol, strategy: 'ema-gap', action, confidence, reasons: [`close ${c.toFixed(2)} vs EMA20 ${ema.toFixed(2)} (${(diff * 100).toFixed(3)} %)`] });
    if (action === 'HOLD' || confidence < 0.5) continue;
    const intentId = `i${signals.length}`;
    if (open || halted) {
      risk.push({ ts, symbol, intentId, approved: false, kind: 'entry', reason: halted ? 'daily loss guard is halted' : 'a position is already open' });
      continue;
    }
    const dir = action === 'BUY' ? 1 : -1;
    const p0 = Math.round(c * 0.004 * 100) / 100;
    const stop = Math.round(p0 * 0.9 * 100) / 100, tp = Math.round(p0 * 1.2 * 100) / 100;
    const quantity = Math.max(1, Math.floor((eq.equity[i]! * 0.01) / ((p0 - stop) * 100)));
    const dow = new Date(wall).getUTCDay();
    const expiry = new Date(wall + ((5 - dow + 7) % 7) * DAY_MS).toISOString().slice(0, 10);
    const right = dir > 0 ? 'C' : 'P';
    const fee = 0.65 * quantity;
    risk.push({ ts, symbol, intentId, approved: true, kind: 'entry', reason: `risk ${quantity} × $${((p0 - stop) * 100).toFixed(2)}` });
    orders.push({ ts, orderId: `${intentId}-e`, intentId, role: 'entry', side: 'BUY', type: 'LMT', quantity, price: p0, status: 'filled', reason: signals[signals.length - 1]!.reasons[0]! });
    fills.push({ ts, orderId: `${intentId}-e`, intentId, role: 'entry', quantity, price: p0, fees: fee });
    cash -= p0 * 100 * quantity + fee;
    open = {
      dir, s0: c, p0, ts: [ts], px: [p0], lo: p0, hi: p0,
      t: { intentId, symbol, instrument: 'option', contract: `${symbol} ${expiry} ${Math.round(c)}${right}`, right, quantity, entryTs: ts, entryPrice: p0, exitTs: ts, exitPrice: p0, exitReason: 'flatten', pnl: 0, fees: fee, mae: 0, mfe: 0, holdingMs: 0, takeProfitPrice: tp, stopPrice: stop },
    };
  }

  return {
    run: {
      runId: 'report-fixture', mode: 'backtest', settings: { risk: { take_profit_pct: 0.2, stop_loss_pct: 0.1, daily_loss_pct: 0.05 }, strategy: { ema: 20, gap } },
      symbols: [symbol], dataFrom: bars.ts[0]!, dataTo: bars.ts[n - 1]!, dataSources: opts.dataSources ?? ['shared:spy_1min_2024-03-26_2025-04-02.csv.gz'],
      codeVersion: '0.1.0-test', startedAt: Date.UTC(2026, 0, 1), endedAt: Date.UTC(2026, 0, 1, 0, 0, 5), instrument: 'option',
    },
    signals, riskDecisions: risk, orders, fills, trades, equity: eq, bars: [{ symbol, bars }], marks, logs,
    statistics: statistics(trades, eq.equity, eq.ts, clock),
  };
}

/** Rough statistics for the fixture (the real ones come from src/stats). */
function statistics(trades: TradeRecord[], equity: Float64Array, ts: Float64Array, clock: NyClock): RunStatistics {
  const daily = new Map<string, number>();
  for (const t of trades) daily.set(clock.date(t.exitTs), (daily.get(clock.date(t.exitTs)) ?? 0) + t.pnl);
  const days: DailyPnl[] = [];
  for (let i = 0, last = ''; i < ts.length; i++) {
    const d = clock.date(ts[i]!);
    if (d !== last) days.push({ date: d, pnl: Math.round((daily.get(d) ?? 0) * 100) / 100 });
    last = d;
  }
  const wins = trades.filter((t) => t.pnl > 0), losses = trades.filter((t) => t.pnl <= 0);
  const sum = (xs: TradeRecord[]): number => xs.reduce((a, t) => a + t.pnl, 0);
  const first = equity[0]!, last = equity[equity.length - 1]!;
  let peak = first, maxDd = 0;
  for (const e of equity) maxDd = Math.min(maxDd, e / (peak = Math.max(peak, e)) - 1);
  const mean = days.reduce((a, d) => a + d.pnl, 0) / days.length;
  const sd = Math.sqrt(days.reduce((a, d) => a + (d.pnl - mean) ** 2, 0) / days.length);
  const down = Math.sqrt(days.reduce((a, d) => a + Math.min(0, d.pnl) ** 2, 0) / days.length);
  return {
    totalReturn: last / first - 1, annualizedReturn: (last / first) ** (252 / days.length) - 1,
    sharpe: (mean / sd) * Math.sqrt(252), sortino: (mean / down) * Math.sqrt(252), maxDrawdown: maxDd, maxDrawdownDurationDays: 0,
    winRate: wins.length / trades.length, profitFactor: sum(wins) / -sum(losses), expectancy: sum(trades) / trades.length,
    avgWin: sum(wins) / wins.length, avgLoss: sum(losses) / losses.length,
    exposure: trades.reduce((a, t) => a + t.holdingMs, 0) / (ts.length * 60_000), tradesPerDay: trades.length / days.length,
    feesPaid: trades.reduce((a, t) => a + t.fees, 0), trades: trades.length, daily: days,
  };
}
