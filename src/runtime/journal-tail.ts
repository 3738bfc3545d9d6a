import type { JournalBuffer, JournalTables } from '../journal/journal-buffer.js';
import { journalCounts, type JournalCounts } from './journal-counts.js';

const RECORD_KEYS = ['signals', 'riskDecisions', 'orders', 'fills', 'trades', 'logs'] as const;

/**
 * The journal rows written after the last flush, as plain data: saved inside the runtime state,
 * so a state is never ahead of what can be rebuilt of the journal (the database holds the rows up
 * to the flush, the state the rest) without flushing DuckDB at every save.
 */
export interface JournalTail extends Pick<JournalTables, (typeof RECORD_KEYS)[number]> {
  /** Rows per table already in the database when the tail starts. */
  flushed: JournalCounts;
  /** [ts, equity, cash, realized, unrealized, openPositions] per row. */
  equity: number[][];
  /** [intentId, ts, price] per row. */
  marks: [string, number, number][];
  /** [symbol, ts, open, high, low, close, volume] per row. */
  bars: [string, number, number, number, number, number, number][];
}

/** The rows of `j` after `flushed`. */
export function journalTail(j: JournalBuffer, flushed: JournalCounts): JournalTail {
  const now = journalCounts(j);
  const range = (key: keyof JournalCounts) => Array.from({ length: now[key] - flushed[key] }, (_, k) => flushed[key] + k);
  const e = j.equitySeries;
  const m = j.markSeries;
  const b = j.barSeries;
  return {
    flushed: { ...flushed },
    signals: j.signals.slice(flushed.signals),
    riskDecisions: j.riskDecisions.slice(flushed.riskDecisions),
    orders: j.orders.slice(flushed.orders),
    fills: j.fills.slice(flushed.fills),
    trades: j.trades.slice(flushed.trades),
    logs: j.logs.slice(flushed.logs),
    equity: range('equity').map((i) => [e.ts[i]!, e.equity[i]!, e.cash[i]!, e.realized[i]!, e.unrealized[i]!, e.openPositions[i]!]),
    marks: range('marks').map((i) => [m.intentId[i]!, m.ts[i]!, m.price[i]!]),
    bars: range('bars').map((i) => [b.symbol[i]!, b.ts[i]!, b.open[i]!, b.high[i]!, b.low[i]!, b.close[i]!, b.volume[i]!]),
  };
}

/** How many rows a tail holds, all tables together. */
export const tailRows = (t: JournalTail): number =>
  RECORD_KEYS.reduce((n, k) => n + t[k].length, 0) + t.equity.length + t.marks.length + t.bars.length;

/** Appends a tail's rows to `j` (after the database rows it follows). */
export function appendTail(j: JournalBuffer, t: JournalTail): void {
  for (const s of t.signals) j.signal(s);
  for (const key of RECORD_KEYS) if (key !== 'signals') (j[key] as unknown[]).push(...t[key]);
  for (const [ts, equity, cash, realized, unrealized, open] of t.equity) j.equity(ts!, equity!, cash!, realized!, unrealized!, open!);
  for (const [intentId, ts, price] of t.marks) j.mark(intentId, ts, price);
  for (const [symbol, ts, open, high, low, close, volume] of t.bars) j.bar(symbol, { ts, open, high, low, close, volume });
}
