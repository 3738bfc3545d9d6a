import { BAR_SIZE_MS, type BarSize } from '../../core/bar.js';
import { newYorkLocal, sessionOpenUtc } from './stamp-sql.js';

/**
 * SQL aggregating the bars selected by `source` (columns ts, open, high, low, close, volume;
 * ts UTC bar start) into `to` bars, as DOUBLE columns (ts = epoch ms) ready for the raw reader.
 *
 * Buckets are counted in New York wall-clock time from 09:30 of each bar's own date, so a bar
 * never spans two sessions, an early close ends with a short bar (13:00 close: 12:30–12:59 on
 * 60 m), and labels are bucket starts. Daily bars take every bar of the date, stamped at 09:30.
 */
export function resampleSql(source: string, to: BarSize): string {
  const day = `CAST(${newYorkLocal('ts')} AS DATE)`;
  const bucket = to === '1d' ? sessionOpenUtc(day) : intradayBucket(day, BAR_SIZE_MS[to] / 60_000);
  return `SELECT epoch_ms(bucket)::DOUBLE AS ts, arg_min(open, ts) AS open, max(high) AS high, min(low) AS low,
                 arg_max("close", ts) AS "close", sum(volume) AS volume
          FROM (SELECT ${bucket} AS bucket, * FROM (${source}))
          GROUP BY bucket ORDER BY bucket`;
}

function intradayBucket(day: string, minutes: number): string {
  const local = newYorkLocal('ts');
  const sinceOpen = `(hour(${local}) * 60 + minute(${local}) - 570)`;
  return `(${sessionOpenUtc(day)} + to_minutes(CAST(floor(${sinceOpen} / ${minutes}) AS BIGINT) * ${minutes}))`;
}
