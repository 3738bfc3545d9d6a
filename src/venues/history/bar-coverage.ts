import type { DuckDBConnection } from '@duckdb/node-api';
import { sessionsBetween, tradingDateOf } from '../../calendar/index.js';
import { BAR_SIZE_MS, type BarSize } from '../../core/bar.js';
import { DAY_MS, MINUTE_MS, type EpochMs } from '../../core/time.js';
import { appendFloat64Columns } from '../../duckdb/float64-columns.js';

/** What `optbot data ls` prints for one stored series. */
export interface SeriesCoverage {
  symbol: string;
  barSize: BarSize;
  bars: number;
  /** Start of the first and last bar, epoch ms UTC. */
  first: EpochMs;
  last: EpochMs;
  /** NYSE sessions from the first bar's date to the last bar's, and how many of them hold bars. */
  sessionsInSpan: number;
  sessions: number;
  /** Sessions whose regular hours are fully covered (390 minutes, 210 on an early close). */
  completeSessions: number;
  /** Regular-hours minutes of the span's sessions that no stored bar covers. */
  missingRthMinutes: number;
  sources: string[];
}

export interface StoredSeries {
  seriesId: number;
  symbol: string;
  barSize: BarSize;
  bars: number;
  first: EpochMs;
  last: EpochMs;
  sources: string[];
}

/** Measures one series against the session calendar: a bar covers [start, start + size) ∩ regular hours. */
export async function seriesCoverage(c: DuckDBConnection, s: StoredSeries): Promise<SeriesCoverage> {
  const sessions = sessionsBetween(tradingDateOf(s.first), tradingDateOf(s.last));
  const size = s.barSize === '1d' ? DAY_MS : BAR_SIZE_MS[s.barSize];
  await c.run('CREATE OR REPLACE TEMP TABLE coverage_sessions (open DOUBLE, close DOUBLE)');
  await appendFloat64Columns(c, 'coverage_sessions', [
    Float64Array.from(sessions, (x) => x.open),
    Float64Array.from(sessions, (x) => x.close),
  ]);
  try {
    const row = (
      await c.runAndReadAll(
        `WITH cal AS (SELECT make_timestamp(CAST(open * 1000 AS BIGINT)) AS open, make_timestamp(CAST(close * 1000 AS BIGINT)) AS close FROM coverage_sessions),
         per_session AS (
           SELECT cal.open, cal.close, count(b.ts) AS bars,
                  coalesce(sum(epoch_ms(least(b.ts + to_milliseconds(${size}), cal.close)) - epoch_ms(b.ts)), 0) AS covered_ms
           FROM cal LEFT JOIN bars b ON b.series_id = $1 AND b.ts >= cal.open AND b.ts < cal.close
           GROUP BY cal.open, cal.close)
         SELECT count(*) FILTER (WHERE bars > 0),
                count(*) FILTER (WHERE covered_ms >= epoch_ms(close) - epoch_ms(open)),
                sum(epoch_ms(close) - epoch_ms(open) - covered_ms) / ${MINUTE_MS}
         FROM per_session`,
        [s.seriesId],
      )
    ).getRowsJS()[0]!;
    return {
      symbol: s.symbol,
      barSize: s.barSize,
      bars: s.bars,
      first: s.first,
      last: s.last,
      sessionsInSpan: sessions.length,
      sessions: Number(row[0]),
      completeSessions: Number(row[1]),
      missingRthMinutes: Number(row[2] ?? 0),
      sources: s.sources,
    };
  } finally {
    await c.run('DROP TABLE IF EXISTS coverage_sessions');
  }
}
