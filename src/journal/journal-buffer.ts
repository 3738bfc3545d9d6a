import type { Bar, BarColumns, BarSize } from '../core/bar.js';
import type { EpochMs } from '../core/time.js';
import type { LogEvent, LogSink } from '../logging/log-event.js';
import { appendEquity, BAR_COLUMNS, EQUITY_COLUMNS, GrowableColumns, MARK_COLUMNS, type EquityColumns, type MarkColumns, type SymbolBarColumns } from './columns.js';
import { SignalColumns } from './signal-columns.js';
import type { FillRecord, JournalSink, LogRecord, OrderRecord, RiskRecord, SignalRecord, TradeRecord } from './records.js';

/** Everything a run journals apart from its run row: what the buffer holds and the reader loads. */
export interface JournalTables {
  signals: readonly SignalRecord[];
  riskDecisions: RiskRecord[];
  orders: OrderRecord[];
  fills: FillRecord[];
  trades: TradeRecord[];
  logs: LogRecord[];
  equity: EquityColumns;
  marks: MarkColumns;
  bars: SymbolBarColumns;
}

/** Bars [firstSeq, firstSeq + count) of a run are the bar store's `symbol` `barSize` bars with fromMs ≤ start < toMs. */
export interface StoredBarsRef {
  symbol: string;
  barSize: BarSize;
  fromMs: EpochMs;
  toMs: EpochMs;
  firstSeq: number;
  count: number;
}

/**
 * The journal of one run in memory, written to DuckDB by a JournalWriter. Records are kept by
 * reference (the core hands over fresh objects and never mutates them afterwards); equity,
 * marks and bars go into growable columns so the per-bar calls allocate nothing. It is also a
 * log sink, so the run's logger can write its events here.
 */
export class JournalBuffer implements JournalSink, LogSink {
  readonly signalColumns: SignalColumns;
  readonly riskDecisions: RiskRecord[] = [];
  readonly orders: OrderRecord[] = [];
  readonly fills: FillRecord[] = [];
  readonly trades: TradeRecord[] = [];
  readonly logs: LogRecord[] = [];
  private readonly equityCols: GrowableColumns<(typeof EQUITY_COLUMNS)[number]>;
  private readonly markCols: GrowableColumns<(typeof MARK_COLUMNS)[number]>;
  private readonly markIntents: string[] = [];
  private readonly barCols: GrowableColumns<(typeof BAR_COLUMNS)[number]>;
  private readonly barSymbols: string[] = [];
  /** Bar ranges the writer journals as references to the bar store rather than as copies. */
  readonly barRefs: StoredBarsRef[] = [];

  /** `expectedBars`: how many bars the run will see, when known, so equity and bars never regrow. */
  constructor(expectedBars = 4096) {
    // Two strategies speak every 5 minutes; a position is open for most bars of a busy run.
    this.signalColumns = new SignalColumns(Math.ceil(expectedBars / 2));
    this.markCols = new GrowableColumns(MARK_COLUMNS, expectedBars);
    this.equityCols = new GrowableColumns(EQUITY_COLUMNS, expectedBars);
    this.barCols = new GrowableColumns(BAR_COLUMNS, expectedBars);
  }

  signal(r: SignalRecord): void {
    this.signalColumns.push(r);
  }

  /** The signals as records (made from the columns on first request). */
  get signals(): readonly SignalRecord[] {
    return this.signalColumns.records();
  }
  risk(r: RiskRecord): void {
    flatten(r.reason);
    this.riskDecisions.push(r);
  }
  order(r: OrderRecord): void {
    flatten(r.reason);
    this.orders.push(r);
  }
  fill(r: FillRecord): void {
    this.fills.push(r);
  }
  trade(r: TradeRecord): void {
    this.trades.push(r);
  }

  equity(ts: EpochMs, equity: number, cash: number, realized: number, unrealized: number, openPositions: number): void {
    appendEquity(this.equityCols, ts, equity, cash, realized, unrealized, openPositions);
  }

  mark(intentId: string, ts: EpochMs, price: number): void {
    const i = this.markCols.next();
    this.markCols.cols.ts[i] = ts;
    this.markCols.cols.price[i] = price;
    this.markIntents.push(intentId);
  }

  /** One underlying bar the run saw (live and rehearsal feed them one at a time). */
  bar(symbol: string, bar: Bar): void {
    const i = this.barCols.next();
    const c = this.barCols.cols;
    c.ts[i] = bar.ts;
    c.open[i] = bar.open;
    c.high[i] = bar.high;
    c.low[i] = bar.low;
    c.close[i] = bar.close;
    c.volume[i] = bar.volume;
    this.barSymbols.push(symbol);
  }

  /** Bars [from, to) of a loaded series in one copy (the backtest's way). */
  bars(symbol: string, columns: BarColumns, from = 0, to = columns.length): void {
    this.barCols.appendFrom(columns, from, to - from);
    for (let i = from; i < to; i++) this.barSymbols.push(symbol);
  }

  /**
   * The bars a backtest read from the bar store with `store.readColumns(symbol, barSize, fromMs, toMs)`,
   * all of them: kept here like `bars()`, but journalled as a reference to the store (with a digest
   * the reader checks) instead of a copy.
   */
  storedBars(symbol: string, barSize: BarSize, fromMs: EpochMs, toMs: EpochMs, columns: BarColumns): void {
    if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) throw new Error(`journal: stored bars of ${symbol} need a finite range, got ${fromMs} to ${toMs}`);
    this.barRefs.push({ symbol, barSize, fromMs, toMs, firstSeq: this.barCols.length, count: columns.length });
    this.bars(symbol, columns);
  }

  /** LogSink: keeps the event minus its run id (the journal keys every row by run). */
  write(e: LogEvent): void {
    const { ts, level, event, msg, run_id: _runId, ...fields } = e;
    this.logs.push({ ts, level, event, msg: msg ?? null, fields });
  }

  /** Views of the columns filled so far (valid until the next append). */
  get equitySeries(): EquityColumns {
    return this.equityCols.view();
  }
  get markSeries(): MarkColumns {
    return { ...this.markCols.view(), intentId: this.markIntents };
  }
  get barSeries(): SymbolBarColumns {
    return { ...this.barCols.view(), symbol: this.barSymbols };
  }

  tables(): JournalTables {
    return {
      signals: this.signals,
      riskDecisions: this.riskDecisions,
      orders: this.orders,
      fills: this.fills,
      trades: this.trades,
      logs: this.logs,
      equity: this.equitySeries,
      marks: this.markSeries,
      bars: this.barSeries,
    };
  }
}

/**
 * V8 keeps a string built by concatenation (a reason's template literal) as a tree of its pieces
 * until something reads its characters. The buffer holds every reason of the run, where such trees
 * take twice the memory of flat text and every garbage collection copies all their nodes (a third
 * of a backtest's time went to that), so text is made flat on the way in: reading a character
 * flattens the string in place. Only memory changes, never the text.
 */
function flatten(text: string): void {
  text.charCodeAt(0);
}
