import type { DuckDBConnection } from '@duckdb/node-api';
import { BAR_SIZE_MS, type BarSize } from '../../core/bar.js';
import { BarInputError, type BarProblem } from './bar-file-error.js';
import { newYorkLocal, sessionOpenUtc } from './stamp-sql.js';

/** How many offending rows a rejection lists. */
export const PROBLEMS_SHOWN = 5;

const v = (col: string) => `CAST(${col} AS VARCHAR)`;

/**
 * The rules every stored bar obeys, in order: each a condition that breaks it and the message
 * naming why. Intraday stamps must sit on the bar grid anchored at 09:30 New York (for 1–30 m
 * bars this is the clock grid; 60 m bars start at :30); daily bars at the 09:30 open.
 */
function barRules(barSize: BarSize): { broken: string; why: string }[] {
  const prices = ['open', 'high', 'low', '"close"'];
  const local = `strftime(${newYorkLocal('ts')}, '%Y-%m-%d %H:%M:%S')`;
  return [
    { broken: 'ts IS NULL', why: `'unreadable time stamp "' || coalesce(stamp_text, '') || '"'` },
    {
      broken: [...prices, 'volume'].map((p) => `${p} IS NULL OR NOT isfinite(${p})`).join(' OR '),
      why: `'missing or non-numeric price or volume'`,
    },
    {
      broken: `least(${prices.join(', ')}) <= 0`,
      why: `'prices must be positive (open ' || ${v('open')} || ', high ' || ${v('high')} || ', low ' || ${v('low')} || ', close ' || ${v('"close"')} || ')'`,
    },
    { broken: 'volume < 0', why: `'negative volume ' || ${v('volume')}` },
    {
      broken: 'high < greatest(open, "close", low)',
      why: `'high ' || ${v('high')} || ' is below open ' || ${v('open')} || ', close ' || ${v('"close"')} || ' or low ' || ${v('low')}`,
    },
    { broken: 'low > least(open, "close")', why: `'low ' || ${v('low')} || ' is above open ' || ${v('open')} || ' or close ' || ${v('"close"')}` },
    barSize === '1d'
      ? { broken: `ts <> ${sessionOpenUtc(`CAST(${newYorkLocal('ts')} AS DATE)`)}`, why: `'daily bar at ' || ${local} || ' New York, not at the 09:30 open'` }
      : { broken: `(epoch_ms(ts) - 1800000) % ${BAR_SIZE_MS[barSize]} <> 0`, why: `'bar start ' || ${local} || ' New York is off the ${barSize} grid'` },
  ];
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
  // One pass for the common case of a clean file; the detail queries run only on a bad one.
  const list = barRules(barSize);
  const anyBroken = list.map((r) => `(${r.broken})`).join(' OR ');
  const [ruleCount, duplicateCount] = (
    await c.runAndReadAll(`SELECT count(*) FILTER (WHERE ${anyBroken}), count(ts) - count(DISTINCT ts) FROM ${table}`)
  ).getRowsJS()[0]!.map(Number) as [number, number];
  if (ruleCount + duplicateCount === 0) return;
  const rule = `CASE ${list.map((r) => `WHEN ${r.broken} THEN ${r.why}`).join(' ')} END`;
  const firstBroken = (
    await c.runAndReadAll(`SELECT rowid, why FROM (SELECT rowid, ${rule} AS why FROM ${table}) WHERE why IS NOT NULL ORDER BY rowid LIMIT ${PROBLEMS_SHOWN}`)
  ).getRowsJS();
  const duplicates =
    duplicateCount === 0
      ? []
      : (
          await c.runAndReadAll(`SELECT rowid, 'duplicate bar start ' || strftime(${newYorkLocal('ts')}, '%Y-%m-%d %H:%M:%S') ||
               ' New York (first at ${unit} ' || (first + ${firstAt}) || ')'
             FROM (SELECT rowid, ts, min(rowid) OVER (PARTITION BY ts) AS first FROM ${table} WHERE ts IS NOT NULL)
             WHERE rowid <> first ORDER BY rowid LIMIT ${PROBLEMS_SHOWN}`)
        ).getRowsJS();
  const problems: BarProblem[] = [...firstBroken, ...duplicates]
    .map(([rowid, why]) => ({ at: Number(rowid) + firstAt, message: String(why) }))
    .sort((a, b) => a.at - b.at)
    .slice(0, PROBLEMS_SHOWN);
  throw new BarInputError(input, problems, ruleCount + duplicateCount, unit);
}
