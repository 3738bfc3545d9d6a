import { migrate, type MigrationSteps } from '../duckdb/migrate.js';
import type { Database } from '../duckdb/database.js';
import { BAR_MIGRATIONS, BARS_COMPONENT } from '../venues/history/bar-schema.js';

/** The journal's tables live in their own DuckDB schema, beside the bar store's tables in the same file. */
export const JOURNAL_SCHEMA = 'journal';
export const JOURNAL_COMPONENT = 'journal';

/**
 * Schema migrations of component "journal" (see src/duckdb/migrate.ts): step k takes the tables
 * to version k+1. Never edit a released step; add a new one.
 *
 * Every row carries its run_id; `seq` is the row's position within its run and table (the order
 * the core wrote it in), so two runs compare row by row with ORDER BY seq. Times are BIGINT
 * epoch milliseconds UTC, exactly the core's EpochMs: the appender writes them as raw int64
 * buffers with no per-value conversion, reads need no unit or time-zone handling, and SQL gets
 * a TIMESTAMP with `epoch_ms(ts)` when it wants one (`epoch_ms(ts) AT TIME ZONE 'America/New_York'`).
 */
export const JOURNAL_MIGRATIONS: MigrationSteps = [
  [
    `CREATE SCHEMA journal`,
    `CREATE TABLE journal.runs (
  run_id VARCHAR PRIMARY KEY, mode VARCHAR NOT NULL, settings JSON NOT NULL, symbols VARCHAR[] NOT NULL,
  instrument VARCHAR NOT NULL, data_from BIGINT NOT NULL, data_to BIGINT NOT NULL, data_sources VARCHAR[] NOT NULL,
  code_version VARCHAR NOT NULL, started_at BIGINT NOT NULL, ended_at BIGINT)`,
    `CREATE TABLE journal.signals (
  run_id VARCHAR NOT NULL, seq INTEGER NOT NULL, ts BIGINT NOT NULL, symbol VARCHAR NOT NULL, strategy VARCHAR NOT NULL,
  action VARCHAR NOT NULL, confidence DOUBLE NOT NULL, reasons VARCHAR[] NOT NULL)`,
    `CREATE TABLE journal.risk_decisions (
  run_id VARCHAR NOT NULL, seq INTEGER NOT NULL, ts BIGINT NOT NULL, symbol VARCHAR NOT NULL, intent_id VARCHAR,
  kind VARCHAR NOT NULL, approved BOOLEAN NOT NULL, reason VARCHAR NOT NULL)`,
    `CREATE TABLE journal.orders (
  run_id VARCHAR NOT NULL, seq INTEGER NOT NULL, ts BIGINT NOT NULL, order_id VARCHAR NOT NULL, intent_id VARCHAR NOT NULL,
  role VARCHAR NOT NULL, side VARCHAR NOT NULL, "type" VARCHAR NOT NULL, quantity DOUBLE NOT NULL,
  price DOUBLE, -- NULL for market orders
  status VARCHAR NOT NULL, reason VARCHAR NOT NULL)`,
    `CREATE TABLE journal.fills (
  run_id VARCHAR NOT NULL, seq INTEGER NOT NULL, ts BIGINT NOT NULL, order_id VARCHAR NOT NULL, intent_id VARCHAR NOT NULL,
  role VARCHAR NOT NULL, quantity DOUBLE NOT NULL, price DOUBLE NOT NULL, fees DOUBLE NOT NULL)`,
    `CREATE TABLE journal.trades (
  run_id VARCHAR NOT NULL, seq INTEGER NOT NULL, intent_id VARCHAR NOT NULL, symbol VARCHAR NOT NULL,
  instrument VARCHAR NOT NULL, contract VARCHAR NOT NULL, "right" VARCHAR, quantity DOUBLE NOT NULL,
  entry_ts BIGINT NOT NULL, entry_price DOUBLE NOT NULL, exit_ts BIGINT NOT NULL, exit_price DOUBLE NOT NULL,
  exit_reason VARCHAR NOT NULL, pnl DOUBLE NOT NULL, fees DOUBLE NOT NULL, mae DOUBLE NOT NULL, mfe DOUBLE NOT NULL,
  holding_ms BIGINT NOT NULL, take_profit_price DOUBLE NOT NULL, stop_price DOUBLE NOT NULL)`,
    `CREATE TABLE journal.equity (
  run_id VARCHAR NOT NULL, seq INTEGER NOT NULL, ts BIGINT NOT NULL, equity DOUBLE NOT NULL, cash DOUBLE NOT NULL,
  realized DOUBLE NOT NULL, unrealized DOUBLE NOT NULL, open_positions DOUBLE NOT NULL)`,
    `CREATE TABLE journal.marks (
  run_id VARCHAR NOT NULL, seq INTEGER NOT NULL, intent_id VARCHAR NOT NULL, ts BIGINT NOT NULL, price DOUBLE NOT NULL)`,
    `CREATE TABLE journal.bars (
  run_id VARCHAR NOT NULL, seq INTEGER NOT NULL, symbol VARCHAR NOT NULL, ts BIGINT NOT NULL,
  open DOUBLE NOT NULL, high DOUBLE NOT NULL, low DOUBLE NOT NULL, close DOUBLE NOT NULL, volume DOUBLE NOT NULL)`,
    `CREATE TABLE journal.logs (
  run_id VARCHAR NOT NULL, seq INTEGER NOT NULL, ts BIGINT NOT NULL, level VARCHAR NOT NULL, event VARCHAR NOT NULL,
  msg VARCHAR, fields JSON NOT NULL)`,
  ],
  // Step 1: signals keep their reasons as the strategy's rule and numeric facts, put into words when read
  // (formatting them per cycle was most of a backtest's time). Runs journalled before keep their
  // text in `reasons`, now the table's last column, NULL for newer rows.
  [
    `CREATE TABLE journal.signals_v2 (
  run_id VARCHAR NOT NULL, seq INTEGER NOT NULL, ts BIGINT NOT NULL, symbol VARCHAR NOT NULL, strategy VARCHAR NOT NULL,
  action VARCHAR NOT NULL, confidence DOUBLE NOT NULL, rule VARCHAR, facts DOUBLE[], reasons VARCHAR[])`,
    `INSERT INTO journal.signals_v2 SELECT run_id, seq, ts, symbol, strategy, action, confidence, NULL, NULL, reasons FROM journal.signals`,
    `DROP TABLE journal.signals`,
    `ALTER TABLE journal.signals_v2 RENAME TO signals`,
  ],
  // Step 2: a backtest's underlying bars are journalled BY REFERENCE to the bar store (a row of
  // bar_refs: the series, the read's range, the count and a sha256 of the exact bars) instead of
  // ~100k copied rows per run; live and rehearsal runs, fed bar by bar, still copy theirs into
  // copied_bars. The view `journal.bars` shows both as the table it replaces (referenced bars
  // numbered from first_seq in time order); it does not check digests, loadRun does.
  [
    `ALTER TABLE journal.bars RENAME TO copied_bars`,
    `CREATE TABLE journal.bar_refs (
  run_id VARCHAR NOT NULL, first_seq INTEGER NOT NULL, symbol VARCHAR NOT NULL, bar_size VARCHAR NOT NULL,
  from_ts BIGINT NOT NULL, to_ts BIGINT NOT NULL, -- the store read: from_ts <= bar start < to_ts
  bars INTEGER NOT NULL, digest VARCHAR NOT NULL)`,
    `CREATE VIEW journal.bars AS
  SELECT run_id, seq, symbol, ts, open, high, low, "close", volume FROM journal.copied_bars
  UNION ALL
  SELECT r.run_id, (r.first_seq + row_number() OVER (PARTITION BY r.run_id, r.first_seq ORDER BY b.ts) - 1)::INTEGER AS seq,
         r.symbol, epoch_ms(b.ts) AS ts, b.open, b.high, b.low, b."close", b.volume
    FROM journal.bar_refs r
    JOIN main.bar_series s ON s.symbol = r.symbol AND s.bar_size = r.bar_size
    JOIN main.bars b ON b.series_id = s.series_id AND b.ts >= make_timestamp(r.from_ts * 1000) AND b.ts < make_timestamp(r.to_ts * 1000)`,
  ],
  // Step 3: the per-bar tables (an equity point per minute, a mark per open position per minute)
  // key their rows by a 4-byte run_key instead of the run id's text. DuckDB's WAL stores a
  // column's value on every row, so a 23-character run id cost ~24 of a point's ~76 bytes: a
  // third of what every run's commit and the checkpoint after it write. Views keep the old
  // tables' names and columns, so SQL reads them as before.
  [
    `CREATE SEQUENCE journal.run_key_seq START 1`,
    `CREATE TABLE journal.run_keys (run_id VARCHAR PRIMARY KEY, run_key INTEGER NOT NULL UNIQUE)`,
    `INSERT INTO journal.run_keys
  SELECT run_id, nextval('journal.run_key_seq') FROM (
    SELECT run_id FROM journal.runs UNION SELECT run_id FROM journal.equity UNION SELECT run_id FROM journal.marks
  ) ORDER BY run_id`,
    `CREATE TABLE journal.equity_points (
  run_key INTEGER NOT NULL, seq INTEGER NOT NULL, ts BIGINT NOT NULL, equity DOUBLE NOT NULL, cash DOUBLE NOT NULL,
  realized DOUBLE NOT NULL, unrealized DOUBLE NOT NULL, open_positions DOUBLE NOT NULL)`,
    `INSERT INTO journal.equity_points
  SELECT k.run_key, e.seq, e.ts, e.equity, e.cash, e.realized, e.unrealized, e.open_positions
    FROM journal.equity e JOIN journal.run_keys k USING (run_id) ORDER BY k.run_key, e.seq`,
    `DROP TABLE journal.equity`,
    `CREATE VIEW journal.equity AS
  SELECT k.run_id, p.seq, p.ts, p.equity, p.cash, p.realized, p.unrealized, p.open_positions
    FROM journal.equity_points p JOIN journal.run_keys k USING (run_key)`,
    `CREATE TABLE journal.mark_points (
  run_key INTEGER NOT NULL, seq INTEGER NOT NULL, intent_id VARCHAR NOT NULL, ts BIGINT NOT NULL, price DOUBLE NOT NULL)`,
    `INSERT INTO journal.mark_points
  SELECT k.run_key, m.seq, m.intent_id, m.ts, m.price FROM journal.marks m JOIN journal.run_keys k USING (run_id) ORDER BY k.run_key, m.seq`,
    `DROP TABLE journal.marks`,
    `CREATE VIEW journal.marks AS
  SELECT k.run_id, p.seq, p.intent_id, p.ts, p.price FROM journal.mark_points p JOIN journal.run_keys k USING (run_key)`,
  ],
  // Step 4: a mark names its position by a per-run number (journal.mark_intents maps it to the
  // intent id) instead of the id's ~21 characters on each of a year's ~80k marks: appending,
  // committing and checkpointing a year's marks took ~115 ms with the text, ~45 ms with the number.
  [
    `CREATE TABLE journal.mark_intents (run_key INTEGER NOT NULL, intent_no INTEGER NOT NULL, intent_id VARCHAR NOT NULL)`,
    `INSERT INTO journal.mark_intents
  SELECT run_key, (row_number() OVER (PARTITION BY run_key ORDER BY min(seq)) - 1)::INTEGER, intent_id
    FROM journal.mark_points GROUP BY run_key, intent_id`,
    `CREATE TABLE journal.mark_numbers (
  run_key INTEGER NOT NULL, seq INTEGER NOT NULL, intent_no INTEGER NOT NULL, ts BIGINT NOT NULL, price DOUBLE NOT NULL)`,
    `INSERT INTO journal.mark_numbers
  SELECT p.run_key, p.seq, i.intent_no, p.ts, p.price
    FROM journal.mark_points p JOIN journal.mark_intents i USING (run_key, intent_id) ORDER BY p.run_key, p.seq`,
    `DROP VIEW journal.marks`,
    `DROP TABLE journal.mark_points`,
    `ALTER TABLE journal.mark_numbers RENAME TO mark_points`,
    `CREATE VIEW journal.marks AS
  SELECT k.run_id, p.seq, i.intent_id, p.ts, p.price
    FROM journal.mark_points p JOIN journal.run_keys k USING (run_key) JOIN journal.mark_intents i USING (run_key, intent_no)`,
  ],
];

/** Databases whose journal this process has brought up to date (each run's writer asks again). */
const current = new WeakSet<Database>();

/** Creates or upgrades the journal's tables in the store file (and the bar store's, which the bars view reads). */
export async function migrateJournal(db: Database): Promise<number> {
  if (!current.has(db)) {
    await migrate(db, BARS_COMPONENT, BAR_MIGRATIONS);
    await migrate(db, JOURNAL_COMPONENT, JOURNAL_MIGRATIONS);
    current.add(db);
  }
  return JOURNAL_MIGRATIONS.length;
}
