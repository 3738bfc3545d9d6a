import { tradingDateOf } from '../calendar/index.js';
import { DAY_MS, type TradingDate } from '../core/time.js';
import type { EquityColumns } from '../journal/columns.js';
import type { TradeRecord } from '../journal/records.js';

export const SESSIONS_PER_YEAR = 252;

export interface DailyPnl {
  date: TradingDate;
  /** Change of the session's closing equity over the previous one (the initial equity before the first). */
  pnl: number;
}

/**
 * A run's performance. Undefined figures (no trades, fewer than two sessions, no variation)
 * are NaN; a ratio with nothing below it (profit factor with no losing trade, Sortino with no
 * losing day) is Infinity. `formatStatistic` prints them as "–" and "∞".
 */
export interface Statistics {
  initialEquity: number;
  finalEquity: number;
  /** final / initial − 1. */
  totalReturn: number;
  /** (1 + total)^(252 / sessions) − 1. */
  annualizedReturn: number;
  /** Sessions with at least one equity point. */
  sessions: number;
  /** mean / sample standard deviation of daily returns × √252, risk-free rate 0. */
  sharpe: number;
  /** mean daily return / downside deviation √(Σ min(r, 0)² / n) × √252, target 0. */
  sortino: number;
  /** Deepest fall from a running peak of per-bar equity, as a fraction of the peak (0.1 = 10 %). */
  maxDrawdown: number;
  /** From that drawdown's peak to its recovery (equity back at the peak), or to the last bar if it never recovered. */
  maxDrawdownSessions: number;
  maxDrawdownDays: number;
  maxDrawdownRecovered: boolean;
  trades: number;
  /** Trades with pnl > 0 over all trades (a trade at exactly 0 is neither a win nor a loss). */
  winRate: number;
  /** Gross win / gross loss. */
  profitFactor: number;
  /** Mean net P&L per trade, dollars. */
  expectancy: number;
  averageWin: number;
  /** Mean of the losing trades' P&L (negative). */
  averageLoss: number;
  /** Fraction of bars after which a position was open. */
  exposure: number;
  tradesPerDay: number;
  feesPaid: number;
  daily: DailyPnl[];
}

/** Session closes: the last equity of each New York trading date, and the bar index where each session starts. */
interface SessionCloses {
  dates: TradingDate[];
  close: number[];
  firstBar: number[];
}

function sessionCloses(equity: EquityColumns): SessionCloses {
  const out: SessionCloses = { dates: [], close: [], firstBar: [] };
  for (let i = 0; i < equity.length; i++) {
    const date = tradingDateOf(equity.ts[i]!);
    if (date !== out.dates.at(-1)) {
      out.dates.push(date);
      out.close.push(0);
      out.firstBar.push(i);
    }
    out.close[out.close.length - 1] = equity.equity[i]!;
  }
  return out;
}

const daysBetween = (a: TradingDate, b: TradingDate): number => Math.round((Date.parse(b) - Date.parse(a)) / DAY_MS);

/** The session index of a bar: the last session whose first bar is at or before it. */
function sessionOfBar(s: SessionCloses, bar: number): number {
  let k = 0;
  while (k + 1 < s.firstBar.length && s.firstBar[k + 1]! <= bar) k++;
  return k;
}

interface Drawdown {
  depth: number;
  /** Bar of the peak (−1: the initial equity, before the first bar). */
  peakBar: number;
  /** Bar where equity is back at the peak, or null. */
  recoveryBar: number | null;
}

function maxDrawdownOf(equity: EquityColumns, initial: number): Drawdown {
  let peak = initial;
  let peakBar = -1;
  let worst: Drawdown = { depth: 0, peakBar: -1, recoveryBar: null };
  let open: Drawdown | null = null; // the deepest drawdown's episode while it may still recover
  for (let i = 0; i < equity.length; i++) {
    const e = equity.equity[i]!;
    if (e >= peak) {
      if (open && open.recoveryBar === null) open.recoveryBar = i;
      open = null;
      peak = e;
      peakBar = i;
      continue;
    }
    const depth = 1 - e / peak;
    if (depth > worst.depth) {
      worst = { depth, peakBar, recoveryBar: null };
      open = worst;
    }
  }
  return worst;
}

function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Statistics of a run from its trades and per-bar equity; pure. Sessions are New York dates. */
export function computeStatistics(trades: readonly TradeRecord[], equity: EquityColumns, initialEquity: number): Statistics {
  const sessions = sessionCloses(equity);
  const n = sessions.dates.length;
  const finalEquity = equity.length ? equity.equity[equity.length - 1]! : initialEquity;
  const totalReturn = finalEquity / initialEquity - 1;

  const returns: number[] = [];
  const daily: DailyPnl[] = [];
  let previous = initialEquity;
  for (let k = 0; k < n; k++) {
    returns.push(sessions.close[k]! / previous - 1);
    daily.push({ date: sessions.dates[k]!, pnl: sessions.close[k]! - previous });
    previous = sessions.close[k]!;
  }
  const m = mean(returns);
  const variance = returns.reduce((s, r) => s + (r - m) ** 2, 0) / (n - 1);
  const downside = Math.sqrt(returns.reduce((s, r) => s + Math.min(r, 0) ** 2, 0) / n);
  const annualize = Math.sqrt(SESSIONS_PER_YEAR);
  const ratio = (num: number, den: number): number => (den > 0 ? num / den : num > 0 ? Infinity : NaN);

  const dd = maxDrawdownOf(equity, initialEquity);
  const ddStart = dd.peakBar < 0 ? 0 : sessionOfBar(sessions, dd.peakBar);
  const ddEnd = sessionOfBar(sessions, dd.recoveryBar ?? equity.length - 1);

  let grossWin = 0;
  let grossLoss = 0;
  let wins = 0;
  let losses = 0;
  let fees = 0;
  for (const t of trades) {
    if (t.pnl > 0) (grossWin += t.pnl), wins++;
    else if (t.pnl < 0) (grossLoss -= t.pnl), losses++;
    fees += t.fees;
  }
  let exposed = 0;
  for (let i = 0; i < equity.length; i++) if (equity.openPositions[i]! > 0) exposed++;

  return {
    initialEquity,
    finalEquity,
    totalReturn,
    annualizedReturn: n > 0 ? (1 + totalReturn) ** (SESSIONS_PER_YEAR / n) - 1 : NaN,
    sessions: n,
    sharpe: n > 1 && variance > 0 ? (m / Math.sqrt(variance)) * annualize : NaN,
    sortino: n > 0 ? ratio(m, downside) * annualize : NaN,
    maxDrawdown: dd.depth,
    maxDrawdownSessions: n > 0 && dd.depth > 0 ? ddEnd - ddStart : 0,
    maxDrawdownDays: n > 0 && dd.depth > 0 ? daysBetween(sessions.dates[ddStart]!, sessions.dates[ddEnd]!) : 0,
    maxDrawdownRecovered: dd.depth === 0 || dd.recoveryBar !== null,
    trades: trades.length,
    winRate: trades.length ? wins / trades.length : NaN,
    profitFactor: trades.length ? ratio(grossWin, grossLoss) : NaN,
    expectancy: trades.length ? (grossWin - grossLoss) / trades.length : NaN,
    averageWin: wins ? grossWin / wins : NaN,
    averageLoss: losses ? -grossLoss / losses : NaN,
    exposure: equity.length ? exposed / equity.length : NaN,
    tradesPerDay: n > 0 ? trades.length / n : NaN,
    feesPaid: fees,
    daily,
  };
}
