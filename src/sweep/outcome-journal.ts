import type { EpochMs } from '../core/time.js';
import { appendEquity, EQUITY_COLUMNS, GrowableColumns, type EquityColumns } from '../journal/columns.js';
import type { JournalSink, TradeRecord } from '../journal/records.js';

/**
 * The part of a journal a variant's statistics need: trades and equity. Signals, risk decisions,
 * orders, fills and marks are dropped as they come, so a sweep keeps no reason text per variant.
 * A worker reuses one for all its variants (`reset` between them), so a variant allocates no
 * fresh year-long equity columns.
 */
export class OutcomeJournal implements JournalSink {
  trades: TradeRecord[] = [];
  private readonly equityCols = new GrowableColumns(EQUITY_COLUMNS, 1 << 17);

  reset(): void {
    this.trades = [];
    this.equityCols.length = 0;
  }

  signal(): void {}
  risk(): void {}
  order(): void {}
  fill(): void {}
  mark(): void {}
  trade(r: TradeRecord): void {
    this.trades.push(r);
  }

  equity(ts: EpochMs, equity: number, cash: number, realized: number, unrealized: number, openPositions: number): void {
    appendEquity(this.equityCols, ts, equity, cash, realized, unrealized, openPositions);
  }

  /** Views of the equity so far: valid until the next `reset`. */
  get equitySeries(): EquityColumns {
    return this.equityCols.view();
  }
}
