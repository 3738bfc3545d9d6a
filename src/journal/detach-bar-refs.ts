import type { DuckDBConnection } from '@duckdb/node-api';
import { JOURNAL_SCHEMA } from './schema.js';

/**
 * Keeps journalled runs readable when the bar store is about to change: every run whose bars are
 * a reference into series `seriesId` over a span in which one of `changing`'s bar starts falls
 * gets its own copy of the bars it saw (into journal.copied_bars, numbered as the journal.bars
 * view numbers them), and its reference is dropped. Run inside the store's merge transaction,
 * before it deletes or inserts: a later `--on-conflict replace` or a filled gap then never makes
 * an earlier run's report unreadable. Returns how many references were detached; nothing happens
 * in a file without a journal.
 *
 * `changing` is a SQL relation with a TIMESTAMP column `ts`: the bar starts the merge will write.
 */
export async function detachBarRefs(c: DuckDBConnection, seriesId: number, changing: string): Promise<number> {
  const hasRefs = await c.runAndReadAll(`SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'bar_refs'`, [JOURNAL_SCHEMA]);
  if (hasRefs.currentRowCount === 0) return 0;
  const refs = `(SELECT r.run_id, r.first_seq, r.bars FROM ${JOURNAL_SCHEMA}.bar_refs r JOIN bar_series s USING (symbol, bar_size)
                  WHERE s.series_id = $1 AND EXISTS (SELECT 1 FROM ${changing} x WHERE epoch_ms(x.ts) >= r.from_ts AND epoch_ms(x.ts) < r.to_ts))`;
  const detached = Number((await c.runAndReadAll(`SELECT count(*) FROM ${refs}`, [seriesId])).getRowsJS()[0]![0]);
  if (detached === 0) return 0;
  await c.run(
    `INSERT INTO ${JOURNAL_SCHEMA}.copied_bars
     SELECT v.run_id, v.seq, v.symbol, v.ts, v.open, v.high, v.low, v."close", v.volume
       FROM ${JOURNAL_SCHEMA}.bars v JOIN ${refs} d ON v.run_id = d.run_id AND v.seq >= d.first_seq AND v.seq < d.first_seq + d.bars`,
    [seriesId],
  );
  await c.run(`DELETE FROM ${JOURNAL_SCHEMA}.bar_refs WHERE (run_id, first_seq) IN (SELECT run_id, first_seq FROM ${refs})`, [seriesId]);
  return detached;
}
