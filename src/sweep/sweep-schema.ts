import type { Database } from '../duckdb/database.js';
import { migrate, type MigrationSteps } from '../duckdb/migrate.js';
import { FIGURE_COLUMNS_SQL } from './figures.js';

export const SWEEPS_COMPONENT = 'sweeps';

/**
 * Schema migrations of component "sweeps" (src/duckdb/migrate.ts), in the DuckDB schema `sweeps`
 * of the store file. Never edit a released step; add one.
 *
 * - `sweeps`: one row per sweep, its whole definition as JSON (base settings, grid, sampling,
 *   objective, walk-forward), which is all `--resume` needs.
 * - `results`: one row per finished (variant, segment): the variant's overrides and full settings,
 *   every statistic (DOUBLE: NaN and ±Infinity kept), bars stepped and run time. Segment "all" is
 *   the whole range; "train-K"/"test-K" are walk-forward window K's spans.
 * - `windows` and `walk_forward`: per window the chosen variant and its in-/out-of-sample figures,
 *   and the stitched out-of-sample statistics and daily equity.
 */
export const SWEEP_MIGRATIONS: MigrationSteps = [
  [
    `CREATE SCHEMA sweeps`,
    `CREATE TABLE sweeps.sweeps (
  sweep_id VARCHAR PRIMARY KEY, definition JSON NOT NULL, variants INTEGER NOT NULL, jobs INTEGER NOT NULL,
  code_version VARCHAR NOT NULL, created_at BIGINT NOT NULL)`,
    `CREATE TABLE sweeps.results (
  sweep_id VARCHAR NOT NULL, variant INTEGER NOT NULL, segment VARCHAR NOT NULL, overrides JSON NOT NULL, settings JSON NOT NULL,
  ${FIGURE_COLUMNS_SQL}, bars INTEGER NOT NULL, run_ms DOUBLE NOT NULL, finished_at BIGINT NOT NULL,
  PRIMARY KEY (sweep_id, variant, segment))`,
    `CREATE TABLE sweeps.windows (
  sweep_id VARCHAR NOT NULL, "window" INTEGER NOT NULL, train_from VARCHAR NOT NULL, train_to VARCHAR NOT NULL,
  test_from VARCHAR NOT NULL, test_to VARCHAR NOT NULL, variant INTEGER, candidates INTEGER NOT NULL,
  PRIMARY KEY (sweep_id, "window"))`,
    `CREATE TABLE sweeps.walk_forward (
  sweep_id VARCHAR PRIMARY KEY, ${FIGURE_COLUMNS_SQL}, daily_dates VARCHAR[] NOT NULL, daily_equity DOUBLE[] NOT NULL)`,
  ],
];

export const migrateSweeps = (db: Database): Promise<number> => migrate(db, SWEEPS_COMPONENT, SWEEP_MIGRATIONS);
