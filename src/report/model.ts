import type { BarColumns } from '../core/bar.js';
import type { OptionRight } from '../core/option-contract.js';
import type { OrderRole, OrderType, Side } from '../core/order.js';
import type { Signal } from '../core/signal.js';
import type { EpochMs, TradingDate } from '../core/time.js';

/**
 * Everything a report shows, as plain data: the journal reader fills it, the report builder only
 * reads it. Long series (bars, equity, premium marks) are columns so a year stays cheap.
 * All timestamps are epoch ms UTC; the report shows them in America/New_York.
 */
export interface ReportModel {
  run: RunInfo;
  signals: Signal[];
  riskDecisions: RiskDecision[];
  orders: OrderRecord[];
  fills: FillRecord[];
  trades: TradeRecord[];
  equity: EquityColumns;
  /** The underlying 1-minute bars the run saw, one series per symbol. */
  bars: SymbolBars[];
  /** Option premium per bar while a position was held, one series per trade (option mode). */
  marks: PremiumMarks[];
  logs: LogRecord[];
  statistics: RunStatistics;
}

export type RunMode = 'backtest' | 'simulation' | 'live-dry-run' | 'live';

export interface RunInfo {
  runId: string;
  mode: RunMode;
  /** The full effective settings of the run (shown verbatim in a collapsible block). */
  settings: unknown;
  symbols: string[];
  dataFrom: EpochMs;
  dataTo: EpochMs;
  /** Where the bars came from, e.g. ['duckdb:data/bars.duckdb'] or ['synthetic'] (flagged loudly). */
  dataSources: string[];
  codeVersion: string;
  startedAt: EpochMs;
  /** null while a run is still going (or crashed before it ended). */
  endedAt: EpochMs | null;
  instrument: 'option' | 'stock';
}

export interface RiskDecision {
  ts: EpochMs;
  symbol: string;
  intentId: string | null;
  approved: boolean;
  /** 'entry', 'guard-halt', 'guard-release', … */
  kind: string;
  reason: string;
}

export interface OrderRecord {
  ts: EpochMs;
  orderId: string;
  intentId: string;
  role: OrderRole;
  side: Side;
  type: OrderType;
  quantity: number;
  /** Limit or trigger price; NaN for market orders. */
  price: number;
  status: string;
  reason: string;
}

export interface FillRecord {
  ts: EpochMs;
  orderId: string;
  intentId: string;
  role: OrderRole;
  quantity: number;
  price: number;
  fees: number;
}

export type ExitReason = 'take-profit' | 'stop-loss' | 'flatten' | 'expiry' | 'guard' | 'session-end';

/** One round trip. Prices are per share / per option (premium), money in dollars. */
export interface TradeRecord {
  intentId: string;
  symbol: string;
  instrument: 'option' | 'stock';
  /** "SPY 2024-04-05 520C" for an option, "SPY" for stock. */
  contract: string;
  right: OptionRight | null;
  quantity: number;
  entryTs: EpochMs;
  entryPrice: number;
  exitTs: EpochMs;
  exitPrice: number;
  exitReason: ExitReason;
  /** Net of fees. */
  pnl: number;
  fees: number;
  /** Maximum adverse / favourable excursion while held, in dollars. */
  mae: number;
  mfe: number;
  holdingMs: number;
  takeProfitPrice: number;
  stopPrice: number;
}

/** One point per bar. */
export interface EquityColumns {
  ts: Float64Array;
  equity: Float64Array;
  cash: Float64Array;
  realized: Float64Array;
  unrealized: Float64Array;
  length: number;
}

export interface SymbolBars {
  symbol: string;
  bars: BarColumns;
}

export interface PremiumMarks {
  intentId: string;
  ts: Float64Array;
  price: Float64Array;
}

export interface LogRecord {
  ts: EpochMs;
  level: 'debug' | 'info' | 'warn' | 'error';
  event: string;
  msg: string;
  fields: Record<string, unknown>;
}

/** Computed by src/stats from trades and equity; ratios are fractions (0.05 = 5 %), money in dollars. */
export interface RunStatistics {
  totalReturn: number;
  annualizedReturn: number;
  sharpe: number;
  sortino: number;
  maxDrawdown: number;
  maxDrawdownDurationDays: number;
  winRate: number;
  profitFactor: number;
  expectancy: number;
  avgWin: number;
  avgLoss: number;
  exposure: number;
  tradesPerDay: number;
  feesPaid: number;
  trades: number;
  daily: DailyPnl[];
}

export interface DailyPnl {
  date: TradingDate;
  pnl: number;
}
