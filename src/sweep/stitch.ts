import { EQUITY_COLUMNS, GrowableColumns, type EquityColumns } from '../journal/columns.js';
import type { TradeRecord } from '../journal/records.js';

export interface RunSeries {
  trades: readonly TradeRecord[];
  equity: EquityColumns;
}

/**
 * Consecutive runs as one: each run started from the initial equity, so its equity, cash and
 * realized P&L are shifted by what the runs before it had gained. The trades are concatenated.
 */
export function stitchRuns(runs: readonly RunSeries[], initialEquity: number): RunSeries {
  const cols = new GrowableColumns(EQUITY_COLUMNS, runs.reduce((n, r) => n + r.equity.length, 0));
  const trades: TradeRecord[] = [];
  let gained = 0;
  let realized = 0;
  for (const run of runs) {
    const e = run.equity;
    const first = cols.reserve(e.length);
    for (let i = 0; i < e.length; i++) {
      cols.cols.ts[first + i] = e.ts[i]!;
      cols.cols.equity[first + i] = e.equity[i]! + gained;
      cols.cols.cash[first + i] = e.cash[i]! + gained;
      cols.cols.realized[first + i] = e.realized[i]! + realized;
      cols.cols.unrealized[first + i] = e.unrealized[i]!;
      cols.cols.openPositions[first + i] = e.openPositions[i]!;
    }
    if (e.length > 0) {
      gained += e.equity[e.length - 1]! - initialEquity;
      realized += e.realized[e.length - 1]!;
    }
    trades.push(...run.trades);
  }
  return { trades, equity: cols.view() };
}
