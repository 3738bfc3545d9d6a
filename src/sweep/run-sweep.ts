import { sessionsBetween, tradingDateOf } from '../calendar/index.js';
import type { Settings } from '../config/schema.js';
import type { BarColumns } from '../core/bar.js';
import type { EpochMs, TradingDate } from '../core/time.js';
import type { Database } from '../duckdb/database.js';
import { loadSessionBars, type LoadedBars } from '../backtest/load-range.js';
import { CliError, ExitCode } from '../cli/exit-codes.js';
import { computeStatistics } from '../stats/statistics.js';
import { BarStore } from '../venues/history/bar-store.js';
import { figuresOf } from './figures.js';
import type { SweepGrid } from './grid.js';
import type { ObjectiveName } from './objective.js';
import { rank } from './objective.js';
import { shareBars, type SharedBars } from './shared-bars.js';
import { planSignalSharing } from './signal-groups.js';
import { loadVolTable } from './load-vol-table.js';
import type { VolTable } from './vol-series.js';
import type { SweepDefinition } from './sweep-definition.js';
import type { JobResult, SweepJob } from './sweep-job.js';
import { runJobs } from './sweep-pool.js';
import { SweepStore, type ResultToStore, type StoredWindow } from './sweep-store.js';
import { stitchRuns, type RunSeries } from './stitch.js';
import { prepareVariants, type PreparedVariant } from './variant-settings.js';
import { expandGrid } from './variants.js';
import { walkForwardWindows, type WalkForwardSpec, type WalkForwardWindow } from './walk-forward.js';

export interface NewSweep {
  sweepId: string;
  base: Settings;
  grid: SweepGrid;
  symbol: string;
  from?: TradingDate | undefined;
  to?: TradingDate | undefined;
  random?: number | undefined;
  seed?: number | undefined;
  objective: ObjectiveName;
  minTrades: number;
  walkForward?: WalkForwardSpec | undefined;
}

export interface SweepRunOptions {
  db: Database;
  workers: number;
  codeVersion: string;
  /** Wall clock, for stored stamps only (never seen by the core). */
  now: () => number;
  /** Aborting it (Ctrl-C) stops the run; every finished result is kept. */
  signal?: AbortSignal | undefined;
  /** Jobs finished of all jobs of the sweep (those done before a resume count as done). */
  onProgress?: (done: number, total: number) => void;
}

export interface SweepOutcome {
  definition: SweepDefinition;
  variants: number;
  /** Backtests the sweep consists of: variants × segments (plus one test run per walk-forward window). */
  jobs: number;
  /** Backtests run by this call, those found already stored, and the bars they stepped through. */
  ran: number;
  skipped: number;
  barSteps: number;
  interrupted: boolean;
  elapsedMs: number;
}

/** The variants of a sweep, validated (ConfigError before anything runs). */
export const sweepVariants = (def: Pick<SweepDefinition, 'base' | 'grid' | 'random' | 'seed'>): PreparedVariant[] =>
  prepareVariants(def.base, def.grid, expandGrid(def.grid.parameters, { random: def.random ?? undefined, seed: def.seed }));

/** Validates, stores the definition and runs a new sweep. */
export async function startSweep(req: NewSweep, opts: SweepRunOptions): Promise<SweepOutcome> {
  const draft = { base: req.base, grid: req.grid, random: req.random ?? null, seed: req.seed ?? 1 };
  const variants = sweepVariants(draft);
  if (req.walkForward && req.walkForward.step < req.walkForward.test) {
    throw new CliError('--walk-forward: step must be at least test, so that test spans never overlap', ExitCode.badInput);
  }
  const loaded = await loadBars(opts.db, req.symbol, req.from, req.to);
  const definition: SweepDefinition = {
    sweepId: req.sweepId,
    symbol: req.symbol,
    from: tradingDateOf(loaded.from),
    to: tradingDateOf(loaded.to - 1),
    dataSources: loaded.sources,
    ...draft,
    objective: req.objective,
    minTrades: req.minTrades,
    walkForward: req.walkForward ?? null,
  };
  const store = await SweepStore.open(opts.db);
  const plan = planJobs(definition, variants, loaded.bars);
  await store.create(definition, variants.length, plan.total, opts.codeVersion, opts.now());
  return execute(store, definition, variants, loaded, plan, opts);
}

/** Runs what a stored sweep is missing, from its stored definition alone. */
export async function resumeSweep(sweepId: string, opts: SweepRunOptions): Promise<SweepOutcome> {
  const store = await SweepStore.open(opts.db);
  const summary = await store.summary(sweepId);
  if (!summary) throw new CliError(`no sweep ${sweepId} in ${opts.db.path}`, ExitCode.badInput);
  const definition = summary.definition;
  const variants = sweepVariants(definition);
  const loaded = await loadBars(opts.db, definition.symbol, definition.from, definition.to);
  return execute(store, definition, variants, loaded, planJobs(definition, variants, loaded.bars), opts);
}

async function loadBars(db: Database, symbol: string, from?: TradingDate, to?: TradingDate) {
  const bars = await BarStore.fromDatabase(db);
  try {
    return await loadSessionBars(bars, symbol, from, to);
  } finally {
    bars.close();
  }
}

/** A span of the bars a job runs on: "all", or a walk-forward window's training span. */
interface Segment {
  name: string;
  from: number;
  to: number;
}

interface JobPlan {
  segments: Segment[];
  windows: WalkForwardWindow[];
  /** Bar index span of each window's test sessions. */
  testSpans: { from: number; to: number }[];
  total: number;
}

function planJobs(def: SweepDefinition, variants: readonly PreparedVariant[], bars: BarColumns): JobPlan {
  if (!def.walkForward) return { segments: [{ name: 'all', from: 0, to: bars.length }], windows: [], testSpans: [], total: variants.length };
  const sessions = sessionsBetween(def.from, def.to);
  const windows = walkForwardWindows(sessions, def.walkForward);
  const span = (first: number, end: number) => ({ from: firstAtOrAfter(bars.ts, sessions[first]!.open), to: firstAtOrAfter(bars.ts, sessions[end - 1]!.close) });
  const segments = windows.map((w) => ({ name: `train-${w.index}`, ...span(w.train.first, w.train.end) }));
  const testSpans = windows.map((w) => span(w.test.first, w.test.end));
  return { segments, windows, testSpans, total: variants.length * segments.length + windows.length };
}

/** First index whose stamp is ≥ t (a few calls per sweep: a scan is enough). */
function firstAtOrAfter(ts: Float64Array, t: EpochMs): number {
  const i = ts.findIndex((x) => x >= t);
  return i < 0 ? ts.length : i;
}

/** What every worker reads: the bars in shared memory and the volatility closes option pricing may need. */
interface WorkerData {
  bars: SharedBars;
  vol: VolTable;
}

async function execute(store: SweepStore, def: SweepDefinition, variants: readonly PreparedVariant[], loaded: LoadedBars, plan: JobPlan, opts: SweepRunOptions): Promise<SweepOutcome> {
  const start = performance.now();
  const done = await store.doneKeys(def.sweepId);
  const jobs: SweepJob[] = [];
  for (const segment of plan.segments) {
    for (const v of variants) {
      if (!done.has(`${v.id}:${segment.name}`)) jobs.push({ variant: v.id, segment: segment.name, settings: v.settings, from: segment.from, to: segment.to, series: false, group: 0, shared: [] });
    }
  }
  const skipped = variants.length * plan.segments.length - jobs.length;
  planSignalSharing(jobs);
  const data: WorkerData = { bars: shareBars(loaded.bars), vol: await loadVolTable(opts.db, variants.map((v) => v.settings), loaded.from, loaded.to) };
  const byId = new Map(variants.map((v) => [v.id, v]));
  const toStore = (r: JobResult): ResultToStore => {
    const v = byId.get(r.variant)!;
    return { variant: r.variant, segment: r.segment, overrides: v.overrides, settings: v.settings, figures: figuresOf(r.statistics), bars: r.bars, runMs: r.runMs, finishedAt: opts.now() };
  };

  // Results are written in small batches while the workers go on, so an interruption loses only jobs in flight.
  let pending: ResultToStore[] = [];
  let writing = Promise.resolve();
  const flush = () => {
    const batch = pending;
    pending = [];
    writing = writing.then(() => store.append(def.sweepId, batch));
    return writing;
  };
  let finished = skipped;
  let barSteps = 0;
  opts.onProgress?.(finished, plan.total);
  const run = await runJobs(jobs, {
    ...data,
    symbol: def.symbol,
    workers: opts.workers,
    signal: opts.signal,
    onResult: (r) => {
      pending.push(toStore(r));
      barSteps += r.bars;
      if (pending.length >= 64) void flush();
      opts.onProgress?.(++finished, plan.total);
    },
  }).finally(flush);
  await writing;

  const outcome = { definition: def, variants: variants.length, jobs: plan.total, ran: run.completed, skipped, barSteps, interrupted: run.interrupted, elapsedMs: 0 };
  if (!run.interrupted && def.walkForward) {
    const tested = await testWindows(store, def, byId, plan, data, opts);
    outcome.ran += tested.ran;
    outcome.barSteps += tested.barSteps;
    outcome.interrupted = tested.interrupted;
    opts.onProgress?.(plan.total, plan.total);
  }
  outcome.elapsedMs = performance.now() - start;
  return outcome;
}

/**
 * Walk-forward: per window, the best variant on its training span (by the objective, with at
 * least minTrades trades) is run on the test span that follows; the test runs are stitched into
 * one out-of-sample equity. Test runs are cheap (one per window) and always redone.
 */
async function testWindows(
  store: SweepStore,
  def: SweepDefinition,
  byId: ReadonlyMap<number, PreparedVariant>,
  plan: JobPlan,
  data: WorkerData,
  opts: SweepRunOptions,
): Promise<{ ran: number; barSteps: number; interrupted: boolean }> {
  const results = await store.results(def.sweepId);
  const windows: StoredWindow[] = [];
  const jobs: SweepJob[] = [];
  for (const w of plan.windows) {
    const candidates = results.filter((r) => r.segment === `train-${w.index}` && byId.has(r.variant));
    const best = rank(candidates, (r) => r.figures, def.objective, def.minTrades)[0]?.item;
    windows.push({ window: w.index, trainFrom: w.train.from, trainTo: w.train.to, testFrom: w.test.from, testTo: w.test.to, variant: best?.variant ?? null, candidates: candidates.length });
    if (best) jobs.push({ variant: best.variant, segment: `test-${w.index}`, settings: byId.get(best.variant)!.settings, ...plan.testSpans[w.index]!, series: true, group: 0, shared: [] });
  }
  planSignalSharing(jobs);
  const series = new Map<number, RunSeries>();
  const toStore: ResultToStore[] = [];
  let barSteps = 0;
  const run = await runJobs(jobs, {
    ...data,
    symbol: def.symbol,
    workers: opts.workers,
    signal: opts.signal,
    onResult: (r) => {
      const v = byId.get(r.variant)!;
      series.set(Number(r.segment.slice('test-'.length)), r.series!);
      toStore.push({ variant: r.variant, segment: r.segment, overrides: v.overrides, settings: v.settings, figures: figuresOf(r.statistics), bars: r.bars, runMs: r.runMs, finishedAt: opts.now() });
      barSteps += r.bars;
    },
  });
  if (run.interrupted) return { ran: run.completed, barSteps, interrupted: true };
  await store.put(def.sweepId, toStore);
  const initial = def.base.backtest.initial_equity;
  const stitched = stitchRuns([...series.keys()].sort((a, b) => a - b).map((k) => series.get(k)!), initial);
  const statistics = computeStatistics(stitched.trades, stitched.equity, initial);
  let equity = initial;
  const daily = statistics.daily.map((d) => ({ date: d.date, equity: (equity += d.pnl) }));
  await store.saveWalkForward(def.sweepId, windows, { figures: figuresOf(statistics), daily });
  return { ran: run.completed, barSteps, interrupted: false };
}
