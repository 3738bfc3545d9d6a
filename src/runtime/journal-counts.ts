import type { JournalBuffer } from '../journal/journal-buffer.js';
import type { FlushCounts } from '../journal/journal-writer.js';

/** Rows per journal table: where a state save stands in the run's journal. */
export type JournalCounts = FlushCounts;

export function journalCounts(j: JournalBuffer): JournalCounts {
  return {
    signals: j.signalColumns.length,
    riskDecisions: j.riskDecisions.length,
    orders: j.orders.length,
    fills: j.fills.length,
    trades: j.trades.length,
    logs: j.logs.length,
    equity: j.equitySeries.length,
    marks: j.markSeries.length,
    bars: j.barSeries.length,
  };
}
