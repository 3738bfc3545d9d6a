import type { DuckDBConnection } from '@duckdb/node-api';
import { BAR_SIZE_MS, type BarSize } from '../../core/bar.js';
import { BarInputError, type BarProblem } from './bar-file-error.js';
import { newYorkLocal } from './stamp-sql.js';

/** How many offending rows a rejection lists. */
export const PROBLEMS_SHOWN = 5;

const v = (col: string) => `CAST(${col} AS VARCHAR)`;

/**
 * The rules every stored bar obeys, as one SQL CASE naming the first broken rule of a row.
 * Intraday stamps must sit on the bar grid anchored at 09:30 New York (for 1–30 m bars this is
 * the clock grid; 60 m bars start at :30).
 */
function ruleSql(barSize: BarSize): string {
  const prices = ['open', 'high', 'low', '"close"'];
  const grid = barSize === '1d' ? 'FALSE' : `(epoch_ms(ts) - 1800000) % ${BAR_SIZE_MS[barSize]} <> 0`;
  return `CASE
    WHEN ts IS NULL THEN 'unreadable time stamp "' || coalesce(stamp_text, '') || '"'
    WHEN ${[...prices, 'volume'].map((p) => `${p} IS NULL OR NOT isfinite(${p})`).join(' OR ')}
      THEN 'missing or non-numeric price or volume'
    WHEN least(${prices.join(', ')}) <= 0
      THEN 'prices must be positive (open ' || ${v('open')} || ', high ' || ${v('high')} || ', low ' || ${v('low')} || ', close ' || ${v('"close"')} || ')'
    WHEN volume < 0 THEN 'negative volume ' || ${v('volume')}
    WHEN high < greatest(open, "close", low)
      THEN 'high ' || ${v('high')} || ' is below open ' || ${v('open')} || ', close ' || ${v('"close"')} || ' or low ' || ${v('low')}
    WHEN low > least(open, "close")
      THEN 'low ' || ${v('low')} || ' is above open ' || ${v('open')} || ' or close ' || ${v('"close"')}
    WHEN ${grid}
      THEN 'bar start ' || strftime(${newYorkLocal('ts')}, '%Y-%m-%d %H:%M:%S') || ' New York is off the ${barSize} grid'
  END`;
}

/**
 * Checks the staged rows (rowid = input order). Throws BarInputError listing the first few
 * offending rows (`firstAt` numbers rowid 0) and the total; returns quietly when all are good.
 */
export async function validateStaged(
  c: DuckDBConnection,
  table: string,
  barSize: BarSize,
  input: string,
  unit: 'line' | 'row',
  firstAt: number,
): Promise<void> {
  const rules = (
    await c.runAndReadAll(`SELECT rowid, why, count(*) OVER () FROM (SELECT rowid, ${ruleSql(barSize)} AS why FROM ${table})
       WHERE why IS NOT NULL ORDER BY rowid LIMIT ${PROBLEMS_SHOWN}`)
  ).getRowsJS();
  const duplicateCount = Number((await c.runAndReadAll(`SELECT count(ts) - count(DISTINCT ts) FROM ${table}`)).getRowsJS()[0]![0]);
  const duplicates =
    duplicateCount === 0
      ? []
      : (
          await c.runAndReadAll(`SELECT rowid, 'duplicate bar start ' || strftime(${newYorkLocal('ts')}, '%Y-%m-%d %H:%M:%S') ||
               ' New York (first at ${unit} ' || (first + ${firstAt}) || ')'
             FROM (SELECT rowid, ts, min(rowid) OVER (PARTITION BY ts) AS first FROM ${table} WHERE ts IS NOT NULL)
             WHERE rowid <> first ORDER BY rowid LIMIT ${PROBLEMS_SHOWN}`)
        ).getRowsJS();
  const ruleCount = Number(rules[0]?.[2] ?? 0);
  if (ruleCount + duplicateCount === 0) return;
  const problems: BarProblem[] = [...rules, ...duplicates]
    .map(([rowid, why]) => ({ at: Number(rowid) + firstAt, message: String(why) }))
    .sort((a, b) => a.at - b.at)
    .slice(0, PROBLEMS_SHOWN);
  throw new BarInputError(input, problems, ruleCount + duplicateCount, unit);
}
