import { join } from 'node:path';
import { backtestStored } from '../../src/backtest/backtest-run.js';
import { defaultSettings, type Settings } from '../../src/config/schema.js';
import type { TradingDate } from '../../src/core/time.js';
import { openDatabase, type Database } from '../../src/duckdb/database.js';
import { compareJournals, formatDifference, JOURNAL_TABLES } from '../../src/journal/compare-journals.js';
import { loadRun } from '../../src/journal/journal-reader.js';
import { rehearse, type RehearsalRequest, type RehearsalResult } from '../../src/runtime/rehearsal.js';
import { BarStore } from '../../src/venues/history/bar-store.js';
import { sharedFile } from '../support/shared-data.js';

export const stockSettings = (tweak: (s: Settings) => void = () => {}): Settings => {
  const s = defaultSettings();
  s.backtest.instrument = 'stock';
  s.logging.file = '';
  tweak(s);
  return s;
};

/** Option mode (the default instrument: synthetic chain, fixed IV). */
export const optionSettings = (tweak: (s: Settings) => void = () => {}): Settings =>
  stockSettings((s) => {
    s.backtest.instrument = 'option';
    tweak(s);
  });

let wall = 0;
/** A fake wall clock (in the calendar's range: the heartbeat file is stamped with it). */
const now = () => 1_700_000_000_000 + ++wall;
let runs = 0;

/** `optbot simulate --speed max` in process, with a fresh run id. */
export function simulate(db: Database, settings: Settings, stateDir: string, from: TradingDate, to: TradingDate = from, more: Partial<RehearsalRequest> = {}): Promise<RehearsalResult> {
  return rehearse({ db, settings, from, to, speed: 'max', stateDir, runId: `sim-${++runs}`, codeVersion: 'test', now, ...more });
}

/** `optbot backtest --from --to` in process; returns its run id. */
export async function backtest(db: Database, settings: Settings, from: TradingDate, to: TradingDate): Promise<string> {
  const runId = `bt-${++runs}`;
  await backtestStored({ db, settings, symbol: 'SPY', from, to, runId, codeVersion: 'test', now });
  return runId;
}

/**
 * The journals of two runs row by row, every table but the logs (each mode logs its own way),
 * leaving out run ids, wall-clock stamps and the run's mode; one line per difference.
 */
export async function journalDifferences(db: Database, a: string, b: string): Promise<string[]> {
  const tables = JOURNAL_TABLES.filter((t) => t !== 'logs');
  return compareJournals(await loadRun(db, a), await loadRun(db, b), tables, { ignore: { run: ['mode'] } }).map(formatDifference);
}

/** A DuckDB file in `dir` holding the real SPY year (spy_1min_2024-03-26_2025-04-02). */
export async function realYear(dir: string, name: string): Promise<Database> {
  const db = await openDatabase(join(dir, name));
  const store = await BarStore.fromDatabase(db);
  await store.ingestFiles([sharedFile('spy_1min_2024-03-26_2025-04-02.csv.gz')], { symbol: 'SPY', barSize: '1m', tz: 'America/New_York', stamp: 'start', onConflict: 'keep' });
  return db;
}
