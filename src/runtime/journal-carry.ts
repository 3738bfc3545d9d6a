import type { Database } from '../duckdb/database.js';
import { JournalBuffer } from '../journal/journal-buffer.js';
import { loadRun } from '../journal/journal-reader.js';
import type { JournalCounts } from './journal-counts.js';

/**
 * A journal buffer that starts with the first `rows` of each table of run `runId`: what a resumed
 * rehearsal carries over from the crashed run, up to the rows its saved state accounts for (the
 * crashed run may have flushed more before it died; those minutes are stepped again).
 */
export async function carriedJournal(db: Database, runId: string, rows: JournalCounts): Promise<JournalBuffer> {
  const old = await loadRun(db, runId);
  const j = new JournalBuffer();
  const fewer = (table: keyof JournalCounts, stored: number) => {
    if (stored < rows[table]) throw new Error(`journal of run ${runId} has ${stored} ${table} rows, fewer than the ${rows[table]} its saved state accounts for`);
  };
  for (const key of ['signals', 'riskDecisions', 'orders', 'fills', 'trades', 'logs'] as const) {
    fewer(key, old[key].length);
    (j[key] as unknown[]).push(...old[key].slice(0, rows[key]));
  }
  const { equity: e, marks: m, bars: b } = old;
  fewer('equity', e.length);
  fewer('marks', m.length);
  fewer('bars', b.length);
  for (let i = 0; i < rows.equity; i++) j.equity(e.ts[i]!, e.equity[i]!, e.cash[i]!, e.realized[i]!, e.unrealized[i]!, e.openPositions[i]!);
  for (let i = 0; i < rows.marks; i++) j.mark(m.intentId[i]!, m.ts[i]!, m.price[i]!);
  for (let i = 0; i < rows.bars; i++) j.bar(b.symbol[i]!, { ts: b.ts[i]!, open: b.open[i]!, high: b.high[i]!, low: b.low[i]!, close: b.close[i]!, volume: b.volume[i]! });
  return j;
}
