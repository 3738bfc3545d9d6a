import type { DuckDBConnection } from '@duckdb/node-api';
import type { BarSize } from '../../core/bar.js';
import { inTransaction } from '../../duckdb/database.js';
import { detachBarRefs } from '../../journal/detach-bar-refs.js';

/** What happens to an incoming bar whose (symbol, bar size, start) is already stored with other values. */
export type ConflictPolicy = 'keep' | 'replace';

export interface MergeReport {
  /** Bars in the input. */
  rows: number;
  /** Bars that were not stored before. */
  inserted: number;
  /** Already stored with the same OHLCV: nothing to do under either policy. */
  identical: number;
  /** Stored with other values, and the stored bar was kept (`keep`). */
  kept: number;
  /** Stored with other values, and overwritten (`replace`). */
  replaced: number;
}

const differs = ['open', 'high', 'low', '"close"', 'volume'].map((c) => `b.${c} IS DISTINCT FROM s.${c}`).join(' OR ');

/**
 * Moves validated staged bars (columns ts, open, high, low, close, volume) into `bars` under
 * `policy`, all in one transaction: a failure stores nothing.
 */
export async function mergeStaged(
  c: DuckDBConnection,
  staged: string,
  target: { symbol: string; barSize: BarSize; source: string },
  policy: ConflictPolicy,
): Promise<MergeReport> {
  return inTransaction(c, async () => {
    const series = await idOf(c, 'bar_series', 'series_id', { symbol: target.symbol, bar_size: target.barSize });
    const source = await idOf(c, 'bar_sources', 'source_id', { name: target.source });
    const [rows, overlap, differing] = (
      await c.runAndReadAll(
        `SELECT (SELECT count(*) FROM ${staged}), count(*), count(*) FILTER (WHERE ${differs})
         FROM ${staged} s JOIN bars b ON b.series_id = $1 AND b.ts = s.ts`,
        [series],
      )
    ).getRowsJS()[0]!.map(Number) as [number, number, number];
    if (rows > overlap || (policy === 'replace' && differing > 0)) {
      // Runs that journalled these bars by reference keep a copy of what they saw.
      const unchanged = `SELECT 1 FROM bars b WHERE b.series_id = ${series} AND b.ts = s.ts${policy === 'replace' ? ` AND NOT (${differs})` : ''}`;
      await detachBarRefs(c, series, `(SELECT s.ts FROM ${staged} s WHERE NOT EXISTS (${unchanged}))`);
    }
    if (policy === 'replace' && differing > 0) {
      await c.run(
        `DELETE FROM bars WHERE series_id = $1 AND ts IN (SELECT s.ts FROM ${staged} s JOIN bars b ON b.series_id = $1 AND b.ts = s.ts WHERE ${differs})`,
        [series],
      );
    }
    if (rows > overlap || (policy === 'replace' && differing > 0)) {
      // Nothing stored overlaps: a plain append, without the anti-join.
      const onlyNew = overlap === 0 ? '' : 'WHERE NOT EXISTS (SELECT 1 FROM bars b WHERE b.series_id = $1 AND b.ts = s.ts)';
      await c.run(`INSERT INTO bars SELECT $1, s.ts, s.open, s.high, s.low, s."close", s.volume, $2 FROM ${staged} s ${onlyNew}`, [series, source]);
    }
    const changed = policy === 'replace' ? differing : 0;
    return { rows, inserted: rows - overlap, identical: overlap - differing, kept: differing - changed, replaced: changed };
  });
}

/** The id of the row with these values in a small name table, created if missing. */
async function idOf(c: DuckDBConnection, table: string, idColumn: string, values: Record<string, string>): Promise<number> {
  const names = Object.keys(values);
  const where = names.map((n, i) => `${n} = $${i + 1}`).join(' AND ');
  const params = Object.values(values);
  await c.run(
    `INSERT INTO ${table} (${idColumn}, ${names.join(', ')})
     SELECT (SELECT coalesce(max(${idColumn}), 0) + 1 FROM ${table}), ${names.map((_, i) => `$${i + 1}`).join(', ')}
     WHERE NOT EXISTS (SELECT 1 FROM ${table} WHERE ${where})`,
    params,
  );
  return Number((await c.runAndReadAll(`SELECT ${idColumn} FROM ${table} WHERE ${where}`, params)).getRowsJS()[0]![0]);
}
