import type { OrderRole, OrderStatus, OrderType, Side } from '../core/order.js';
import type { Signal } from '../core/signal.js';
import type { EpochMs } from '../core/time.js';
import type { ExitReason } from '../engine/commands.js';
import type { LogLevel } from '../logging/log-event.js';

/**
 * The rows every mode writes to the journal. Times are epoch ms UTC from the run's clock
 * (simulated in backtests and rehearsals), so two runs over the same data compare row by row.
 */
export type RunMode = 'backtest' | 'simulation' | 'live-dry-run' | 'live';

export interface RunRecord {
  runId: string;
  mode: RunMode;
  /** The full effective settings. */
  settings: unknown;
  symbols: string[];
  instrument: 'option' | 'stock';
  dataFrom: EpochMs;
  dataTo: EpochMs;
  /** Bar sources in the range, e.g. ["synthetic"] or ["csv:spy_1min.csv.gz"]. */
  dataSources: string[];
  codeVersion: string;
  /** Wall-clock start and end of the run itself (excluded from parity comparisons). */
  startedAt: EpochMs;
  endedAt: EpochMs | null;
}

/** A signal is journalled as the strategy emitted it. */
export type SignalRecord = Signal;

/** A decision of the risk layer: an approved or rejected entry, a guard halt or release. */
export type RiskKind = 'entry' | 'guard-halt' | 'guard-release';

export interface RiskRecord {
  ts: EpochMs;
  symbol: string;
  intentId: string | null;
  kind: RiskKind;
  approved: boolean;
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
  /** Limit or stop price; NaN for market orders. */
  price: number;
  status: OrderStatus;
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

/** A round trip: entry to exit of one intent. Dollar figures include the multiplier. */
export interface TradeRecord {
  intentId: string;
  symbol: string;
  instrument: 'option' | 'stock';
  /** contractId() for options ("SPY 2024-04-05 520C"), the symbol for stock. */
  contract: string;
  right: 'C' | 'P' | null;
  /** Contracts or shares (always long). */
  quantity: number;
  entryTs: EpochMs;
  entryPrice: number;
  exitTs: EpochMs;
  exitPrice: number;
  exitReason: ExitReason;
  /** Net of fees. */
  pnl: number;
  fees: number;
  /** Maximum adverse / favourable excursion while held, in dollars (MAE ≤ 0 ≤ MFE). */
  mae: number;
  mfe: number;
  holdingMs: number;
  takeProfitPrice: number;
  stopPrice: number;
}

/** Where the core writes what it saw and decided. Implementations buffer and write in batches. */
export interface JournalSink {
  signal(r: SignalRecord): void;
  risk(r: RiskRecord): void;
  order(r: OrderRecord): void;
  fill(r: FillRecord): void;
  trade(r: TradeRecord): void;
  /**
   * Account value after each bar: cash + open positions marked to market. `openPositions` is
   * how many positions were open after that bar (exposure statistics count bars with one open).
   */
  equity(ts: EpochMs, equity: number, cash: number, realized: number, unrealized: number, openPositions: number): void;
  /** The mark of an open position (option premium or share price) after each bar. */
  mark(intentId: string, ts: EpochMs, price: number): void;
}

/** One log event of the run: the LogEvent envelope as columns, every other field in `fields`. */
export interface LogRecord {
  ts: EpochMs;
  level: LogLevel;
  event: string;
  msg: string | null;
  fields: Record<string, unknown>;
}
