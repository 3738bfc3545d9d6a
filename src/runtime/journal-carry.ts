import type { Database } from '../duckdb/database.js';
import { JournalBuffer } from '../journal/journal-buffer.js';
import { loadRun } from '../journal/journal-reader.js';
import type { JournalCounts } from './journal-counts.js';
import { appendTail, type JournalTail } from './journal-tail.js';

/**
 * A journal buffer holding what run `runId` had journalled when its state was saved: the rows it
 * had flushed by then (the database may hold more, flushed after the save: those minutes are
 * stepped again) followed by the unflushed rows the state carries. What a resumed rehearsal
 * continues from.
 */
export async function carriedJournal(db: Database, runId: string, tail: JournalTail): Promise<JournalBuffer> {
  const old = await loadRun(db, runId);
  const rows: JournalCounts = tail.flushed;
  const j = new JournalBuffer();
  const check = (table: keyof JournalCounts, stored: number) => {
    if (stored < rows[table]) throw new Error(`journal of run ${runId} has ${stored} ${table} rows, fewer than the ${rows[table]} its saved state says were flushed`);
  };
  check('signals', old.signals.length);
  for (const { reasons: _words, ...s } of old.signals.slice(0, rows.signals)) j.signal(s);
  for (const key of ['riskDecisions', 'orders', 'fills', 'trades', 'logs'] as const) {
    check(key, old[key].length);
    (j[key] as unknown[]).push(...old[key].slice(0, rows[key]));
  }
  const { equity: e, marks: m, bars: b } = old;
  check('equity', e.length);
  check('marks', m.length);
  check('bars', b.length);
  for (let i = 0; i < rows.equity; i++) j.equity(e.ts[i]!, e.equity[i]!, e.cash[i]!, e.realized[i]!, e.unrealized[i]!, e.openPositions[i]!);
  for (let i = 0; i < rows.marks; i++) j.mark(m.intentId[i]!, m.ts[i]!, m.price[i]!);
  for (let i = 0; i < rows.bars; i++) j.bar(b.symbol[i]!, { ts: b.ts[i]!, open: b.open[i]!, high: b.high[i]!, low: b.low[i]!, close: b.close[i]!, volume: b.volume[i]! });
  appendTail(j, tail);
  return j;
}
