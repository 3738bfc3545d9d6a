import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/duckdb/database.js';
import { appendFloat64Columns } from '../src/duckdb/float64-columns.js';
import { BarStore } from '../src/venues/history/bar-store.js';
import { syntheticMinuteBars } from '../src/venues/history/synthetic-sample.js';
import { emit } from './lib/emit.js';

// 1M one-minute bars from CSV into a fresh store, then all of them back into typed arrays.
const SESSIONS = 2565; // × 390 minutes ≈ 1M bars (a few early closes)
const dir = mkdtempSync(join(tmpdir(), 'optbot-bench-store-'));
try {
  const bars = syntheticMinuteBars({ sessions: SESSIONS, seed: 1 });
  const csv = join(dir, 'spy_1m.csv');
  await writeCsv(csv, bars);

  // Best of 3, each into a fresh store file: the machine is shared and one run can be unlucky.
  let ingestMs = Infinity;
  let store: BarStore | null = null;
  for (let run = 0; run < 3; run++) {
    store?.close();
    store = await BarStore.open(join(dir, `bench-${run}.duckdb`));
    const t0 = performance.now();
    const [report] = await store.ingestFiles([csv], { symbol: 'SPY', barSize: '1m', tz: 'America/New_York', stamp: 'start', onConflict: 'keep' });
    ingestMs = Math.min(ingestMs, performance.now() - t0);
    if (report!.inserted !== bars.length) throw new Error(`stored ${report!.inserted} of ${bars.length} bars`);
  }
  const rate = Math.round((bars.length / ingestMs) * 1000);
  emit(
    { name: 'store.ingest_csv', value: rate, unit: 'rows/s', target: '≥ 1000000' },
    `ingest ${bars.length.toLocaleString('en-US')} rows (${(statSync(csv).size / 1e6).toFixed(0)} MB CSV, ISO stamps with offset): ${ingestMs.toFixed(0)} ms = ${rate.toLocaleString('en-US')} rows/s (best of 3)`,
  );

  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const read = await store!.readColumns('SPY', '1m', -Infinity, Infinity);
    best = Math.min(best, performance.now() - t);
    if (read.length !== bars.length) throw new Error(`read ${read.length} of ${bars.length} bars`);
  }
  emit(
    { name: 'store.read_columns', value: Math.round(best), unit: 'ms', target: '≤ 300' },
    `read ${bars.length.toLocaleString('en-US')} bars × 6 columns into Float64Arrays: ${best.toFixed(0)} ms (best of 5)`,
  );
  store!.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** Writes the bars as a CSV like the shared data files: New York ISO stamps with their offset. */
async function writeCsv(path: string, b: ReturnType<typeof syntheticMinuteBars>): Promise<void> {
  const db = await openDatabase(':memory:');
  await db.connection.run('CREATE TABLE b (ts DOUBLE, open DOUBLE, high DOUBLE, low DOUBLE, "close" DOUBLE, volume DOUBLE)');
  await appendFloat64Columns(db.connection, 'b', [b.ts, b.open, b.high, b.low, b.close, b.volume]);
  await db.connection.run(`COPY (
      SELECT strftime(local, '%Y-%m-%dT%H:%M:%S') || printf('%+03d:00', CAST((epoch(local) - ts / 1000) / 3600 AS INTEGER)) AS ts,
             open, high, low, "close", CAST(volume AS BIGINT) AS volume
      FROM (SELECT rowid AS r, *, timezone('America/New_York', make_timestamptz(CAST(ts * 1000 AS BIGINT))) AS local FROM b)
      ORDER BY r) TO '${path}' (HEADER)`);
  db.close();
}
