import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, inTransaction } from '../src/duckdb/database.js';
import { JournalBuffer } from '../src/journal/journal-buffer.js';
import { loadRun } from '../src/journal/journal-reader.js';
import { writeRun } from '../src/journal/journal-writer.js';
import { JOURNAL_SCHEMA } from '../src/journal/schema.js';
import { computeStatistics } from '../src/stats/statistics.js';
import { sampleBuffer, sampleRun } from '../test/journal/sample-journal.js';
import { emit } from './lib/emit.js';

// A year of a backtest: 256 sessions × 390 bars = 99,840 bars and equity points, ~41k marks,
// ~10k other rows (signals, risk decisions, orders, fills, trades, logs).
const YEAR_SESSIONS = 256;
const REPEATS = 5;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number): string => `${x.toFixed(1)} ms`;


// 1. Buffering: the per-bar equity() call the backtest makes, a year (~100k points) per run,
// into a fresh buffer each time (so the doublings of its columns are counted).
{
  const points = 100_000;
  const rates: number[] = [];
  for (let r = 0; r < 30; r++) {
    const b = new JournalBuffer();
    const start = performance.now();
    for (let i = 0; i < points; i++) b.equity(i * 60_000, 100_000 + i, 100_000, i, 0, i & 1);
    rates.push(points / ((performance.now() - start) / 1000));
  }
  const perSecond = Math.round(median(rates));
  emit({ name: 'journal.buffer.equity', value: perSecond, unit: 'points/s', target: '≥ 20000000' }, `JournalBuffer.equity(), a year into a fresh buffer: ${perSecond.toLocaleString('en-US')} points/s`);
}

const dir = mkdtempSync(join(tmpdir(), 'optbot-journal-bench-'));
const db = await openDatabase(join(dir, 'bench.duckdb'));
try {
  const year = sampleBuffer(YEAR_SESSIONS);
  const rows = year.equitySeries.length + year.barSeries.length + year.markSeries.length;
  const others = Object.values({ s: year.signals, r: year.riskDecisions, o: year.orders, f: year.fills, t: year.trades, l: year.logs }).reduce((s, a) => s + a.length, 0);

  // 2. Writing a year through data chunks built from raw vectors (the JournalWriter's road).
  const chunked: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const start = performance.now();
    await writeRun(db, sampleRun(`year-${r}`), year, 1);
    chunked.push(performance.now() - start);
  }
  emit(
    { name: 'journal.write.year', value: Number(median(chunked).toFixed(1)), unit: 'ms', target: '≤ 300' },
    `write a year (${rows.toLocaleString('en-US')} equity+bar+mark rows, ${others.toLocaleString('en-US')} others) in data chunks: ${ms(median(chunked))} (median of ${REPEATS})`,
  );

  // 3. Equity and bars alone, through data chunks and through one append call per value (the road not taken).
  const equityAndBars = new JournalBuffer(year.barSeries.length);
  const e = year.equitySeries;
  for (let i = 0; i < e.length; i++) equityAndBars.equity(e.ts[i]!, e.equity[i]!, e.cash[i]!, e.realized[i]!, e.unrealized[i]!, e.openPositions[i]!);
  equityAndBars.bars('SPY', year.barSeries);
  const chunkedPair: number[] = [];
  const perValue: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const start = performance.now();
    await writeRun(db, sampleRun(`eb-${r}`), equityAndBars, 1);
    chunkedPair.push(performance.now() - start);
    perValue.push(await appendPerValue(`pv-${r}`, -1 - r, equityAndBars));
  }
  emit(
    { name: 'journal.write.equity-bars.chunks', value: Number(median(chunkedPair).toFixed(1)), unit: 'ms' },
    `equity + bars of a year (${(e.length * 2).toLocaleString('en-US')} rows) in data chunks: ${ms(median(chunkedPair))}`,
  );
  emit(
    { name: 'journal.write.equity-bars.per-value', value: Number(median(perValue).toFixed(1)), unit: 'ms' },
    `the same rows with one append call per value: ${ms(median(perValue))} (for comparison)`,
  );

  // 4. Reading a year back and computing its statistics.
  const reads: number[] = [];
  let loaded = await loadRun(db, 'year-0');
  for (let r = 0; r < REPEATS; r++) {
    const start = performance.now();
    loaded = await loadRun(db, `year-${r}`);
    reads.push(performance.now() - start);
  }
  emit({ name: 'journal.read.year', value: Number(median(reads).toFixed(1)), unit: 'ms', target: '≤ 300' }, `load a year back: ${ms(median(reads))}`);

  computeStatistics(loaded.trades, loaded.equity, 100_000); // warms the calendar's lazy tables
  const statsTimes: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const start = performance.now();
    computeStatistics(loaded.trades, loaded.equity, 100_000);
    statsTimes.push(performance.now() - start);
  }
  emit({ name: 'stats.year', value: Number(median(statsTimes).toFixed(1)), unit: 'ms', target: '≤ 50' }, `statistics of a year (${loaded.trades.length} trades, ${loaded.equity.length} equity points): ${ms(median(statsTimes))}`);
} finally {
  db.close();
  rmSync(dir, { recursive: true, force: true });
}

/** Appends the buffer's equity and bars with one appender call per value, in one transaction (`runKey`: a key no run has). */
async function appendPerValue(runId: string, runKey: number, b: JournalBuffer): Promise<number> {
  const conn = await db.connect();
  const start = performance.now();
  await inTransaction(conn, async () => {
    const e = b.equitySeries;
    const eq = await conn.createAppender('equity_points', JOURNAL_SCHEMA);
    for (let i = 0; i < e.length; i++) {
      eq.appendInteger(runKey);
      eq.appendInteger(i);
      eq.appendBigInt(BigInt(e.ts[i]!));
      for (const col of [e.equity, e.cash, e.realized, e.unrealized, e.openPositions]) eq.appendDouble(col[i]!);
      eq.endRow();
    }
    eq.closeSync();
    const bars = b.barSeries;
    const ba = await conn.createAppender('copied_bars', JOURNAL_SCHEMA);
    for (let i = 0; i < bars.length; i++) {
      ba.appendVarchar(runId);
      ba.appendInteger(i);
      ba.appendVarchar(bars.symbol[i]!);
      ba.appendBigInt(BigInt(bars.ts[i]!));
      for (const col of [bars.open, bars.high, bars.low, bars.close, bars.volume]) ba.appendDouble(col[i]!);
      ba.endRow();
    }
    ba.closeSync();
  });
  return performance.now() - start;
}
