/**
 * optbot's public API: what research code (the notebooks in notebooks/, your own scripts) may
 * use. Everything else under src/ is internal and may change without notice.
 */

// Settings
export { loadSettings, parseSettingsText, DEFAULT_CONFIG_PATH, type LoadOptions, type LoadedSettings } from './config/load-settings.js';
export { defaultSettings, type Settings } from './config/schema.js';
export { ConfigError, formatIssue, type ConfigIssue } from './config/config-error.js';

// Time and the NYSE calendar
export { MINUTE_MS, HOUR_MS, DAY_MS, type EpochMs, type TradingDate } from './core/time.js';
export * from './calendar/index.js';
export { NyClock } from './report/ny-time.js';

// Bars and the store
export type { Bar, BarColumns, BarSize } from './core/bar.js';
export { openDatabase, type Database } from './duckdb/database.js';
export { BarStore, type SeriesCoverage, type StoredSeries } from './venues/history/bar-store.js';
export { syntheticMinuteBars, SYNTHETIC_SOURCE, DEFAULT_SAMPLE, type SyntheticSampleOptions } from './venues/history/synthetic-sample.js';

// Backtests, rehearsals and sweeps
export { backtestStored, type StoredBacktestRequest, type StoredBacktestResult } from './backtest/backtest-run.js';
export { rehearse, type RehearsalRequest, type RehearsalResult } from './runtime/rehearsal.js';
export { parseSpeed, type Speed } from './runtime/clock.js';
export { startSweep, resumeSweep, sweepVariants, type NewSweep, type SweepOutcome, type SweepRunOptions } from './sweep/run-sweep.js';
export { parseGrid, loadGrid, rangeValues, type SweepGrid, type GridParameter } from './sweep/grid.js';
export { SweepStore, type StoredResult, type StoredWindow, type StoredWalkForward, type SweepSummary } from './sweep/sweep-store.js';
export { OBJECTIVES, OBJECTIVE_NAMES, rank, isObjective, type ObjectiveName, type Ranked } from './sweep/objective.js';
export { parseWalkForward, walkForwardGap, walkForwardWindows, type WalkForwardSpec, type WalkForwardGap } from './sweep/walk-forward.js';
export type { Figures } from './sweep/figures.js';
export { defaultWorkers } from './sweep/sweep-pool.js';

// The journal and statistics
export { loadRun, listRuns, type JournalData, type RunSummary } from './journal/journal-reader.js';
export { compareJournals, formatDifference, JOURNAL_TABLES, type JournalDifference, type JournalTableName, type CompareOptions } from './journal/compare-journals.js';
export type { RunRecord, SignalRecord, RiskRecord, OrderRecord, FillRecord, TradeRecord, LogRecord } from './journal/records.js';
export type { EquityColumns } from './journal/columns.js';
export { computeStatistics, SESSIONS_PER_YEAR, type Statistics, type DailyPnl } from './stats/statistics.js';
export { statisticsRows, formatStatistic } from './stats/format-statistics.js';

// Reports
export { buildRunReport } from './report/run-report.js';
export { buildCompareReport } from './report/compare-report.js';
export { buildSweepReport, type SweepReportModel } from './report/sweep-report.js';
export { loadReportModel, writeRunReport, defaultReportPath } from './report/write-run-report.js';
export { writeSweepReport, defaultSweepReportPath } from './report/sweep-report-file.js';
export { firstDivergence, type Decision, type Divergence } from './report/compare/divergence.js';
export { matchTrades } from './report/compare/match-trades.js';
export type { ReportModel } from './report/model.js';

// Notebooks: the running notebook's context and what it shows
export { notebook, type NotebookContext, type NotebookData } from './notebook/context.js';
export { show, type TableOptions } from './notebook/display.js';
export type { TopLevelSpec as ChartSpec } from 'vega-lite';

export { VERSION } from './cli/version.js';
