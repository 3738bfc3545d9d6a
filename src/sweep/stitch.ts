import { EQUITY_COLUMNS, GrowableColumns, type EquityColumns } from '../journal/columns.js';
import type { TradeRecord } from '../journal/records.js';

export interface RunSeries {
  trades: readonly TradeRecord[];
  equity: EquityColumns;
}

/**
 * Consecutive runs as one compounded run. Each run started from the initial equity; stitched, it
 * starts from the equity the runs before it ended with, as if it had been sized on that equity:
 * its equity, cash, P&L and trade dollars are scaled by (equity so far / initial equity). Adding
 * dollars instead would let a window that started at $100,000 weigh as much after a collapse to
 * $2,000, turning its P&L into a +100 % day and the out-of-sample Sharpe into fiction.
 */
export function stitchRuns(runs: readonly RunSeries[], initialEquity: number): RunSeries {
  const cols = new GrowableColumns(EQUITY_COLUMNS, runs.reduce((n, r) => n + r.equity.length, 0));
  const trades: TradeRecord[] = [];
  let scale = 1;
  let realized = 0;
  for (const run of runs) {
    const e = run.equity;
    const first = cols.reserve(e.length);
    for (let i = 0; i < e.length; i++) {
      cols.cols.ts[first + i] = e.ts[i]!;
      cols.cols.equity[first + i] = e.equity[i]! * scale;
      cols.cols.cash[first + i] = e.cash[i]! * scale;
      cols.cols.realized[first + i] = realized + e.realized[i]! * scale;
      cols.cols.unrealized[first + i] = e.unrealized[i]! * scale;
      cols.cols.openPositions[first + i] = e.openPositions[i]!;
    }
    for (const t of run.trades) trades.push({ ...t, pnl: t.pnl * scale, fees: t.fees * scale, mae: t.mae * scale, mfe: t.mfe * scale });
    if (e.length > 0) {
      realized += e.realized[e.length - 1]! * scale;
      scale *= e.equity[e.length - 1]! / initialEquity;
    }
  }
  return { trades, equity: cols.view() };
}
