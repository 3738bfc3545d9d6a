import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import pc from 'picocolors';
import { backtestStored } from '../../backtest/backtest-run.js';
import { loadSettings } from '../../config/load-settings.js';
import { openDatabase, type Database } from '../../duckdb/database.js';
import { writeSweepReport, defaultSweepReportPath } from '../../report/sweep-report-file.js';
import { defaultReportPath, writeRunReport } from '../../report/write-run-report.js';
import { loadGrid } from '../../sweep/grid.js';
import { OBJECTIVE_NAMES, isObjective, rank, type ObjectiveName } from '../../sweep/objective.js';
import { startSweep, resumeSweep, sweepVariants, type SweepOutcome, type SweepRunOptions } from '../../sweep/run-sweep.js';
import { defaultWorkers } from '../../sweep/sweep-pool.js';
import { SweepStore } from '../../sweep/sweep-store.js';
import { bestTable, fmt, windowTable } from '../../sweep/text-tables.js';
import { parseWalkForward, walkForwardGap } from '../../sweep/walk-forward.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { progress, type Progress } from '../progress.js';
import { newRunId } from '../run-id.js';
import { runCommand } from '../run-command.js';
import { withSettingsOptions, type SettingsFlags } from '../settings-options.js';
import { VERSION } from '../version.js';

interface SweepFlags extends SettingsFlags {
  grid?: string;
  from?: string;
  to?: string;
  symbol?: string;
  objective: string;
  minTrades: number;
  workers: number;
  random?: number;
  seed: number;
  top: number;
  resume?: string;
  walkForward?: string;
  report: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const positiveInt = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a whole number > 0');
  return n;
};
const nonNegativeInt = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return n;
};

export function registerSweepCommand(program: Command): void {
  const sweep = withSettingsOptions(
    program
      .command('sweep')
      .description('backtest every variant of a grid of settings on all cores, store the statistics, print the best; optionally walk forward')
      .option('--grid <file>', 'YAML grid: setting path → list of values or {from, to, step}')
      .option('--from <date>', 'first trading date (YYYY-MM-DD); default: the first stored bar')
      .option('--to <date>', 'last trading date (YYYY-MM-DD); default: the last stored bar')
      .option('--symbol <symbol>', 'symbol to trade (default: the first of `symbols`)')
      .option('--objective <name>', `what "best" means: ${OBJECTIVE_NAMES.join(' | ')}`, 'sharpe')
      .option('--min-trades <n>', 'variants with fewer trades are never chosen', nonNegativeInt, 1)
      .option('--workers <n>', 'worker threads (default: one per core)', positiveInt, defaultWorkers())
      .option('--random <n>', 'run n distinct random points of the grid instead of all', positiveInt)
      .option('--seed <n>', 'seed of --random', nonNegativeInt, 1)
      .option('--top <n>', 'how many of the best to print', positiveInt, 10)
      .option('--walk-forward <spec>', 'walk-forward windows in sessions, e.g. train=60,test=20,step=20')
      .option('--resume <sweep-id>', 'run only what an interrupted sweep is missing (its grid, settings and range are stored)')
      .option('--no-report', 'do not write the HTML report'),
  ).action((flags: SweepFlags) => runCommand(() => sweepCommand(flags)));

  withSettingsOptions(
    sweep
      .command('report <sweep-id>')
      .description("write a sweep's HTML report, or with --variant the full run report of one variant (runs it as `optbot backtest` would)")
      .option('--variant <n>', 'the variant id (first column of the best table)', nonNegativeInt)
      .option('--out <file>', 'where to write it (default: reports/SWEEP_ID.html, or reports/SWEEP_ID-vN.html)')
      .option('--top <n>', 'rows of the top-N table', positiveInt, 20),
  ).action((sweepId: string, flags: SettingsFlags & { variant?: number; out?: string; top: number }) => runCommand(() => reportCommand(sweepId, flags)));
}

async function sweepCommand(flags: SweepFlags): Promise<number> {
  for (const [name, value] of [['--from', flags.from], ['--to', flags.to]] as const) {
    if (value !== undefined && !DATE.test(value)) throw new CliError(`${name} ${value}: expected a date YYYY-MM-DD`, ExitCode.badInput);
  }
  if (!isObjective(flags.objective)) throw new CliError(`--objective ${flags.objective}: expected one of ${OBJECTIVE_NAMES.join(', ')}`, ExitCode.badInput);
  if (!flags.resume && !flags.grid) throw new CliError('--grid FILE is required (or --resume SWEEP_ID)', ExitCode.badInput);
  const { settings } = loadSettings({ file: flags.config, set: flags.set });
  // Everything is validated before the store is opened: a bad grid changes nothing.
  const grid = flags.grid && !flags.resume ? loadGrid(flags.grid) : null;
  const walkForward = flags.walkForward ? parseWalkForward(flags.walkForward) : undefined;
  const base = { base: settings, random: flags.random ?? null, seed: flags.seed };
  if (grid) sweepVariants({ ...base, grid });

  const db = await openDatabase(settings.data.store_path);
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop).once('SIGTERM', stop);
  try {
    const bar = { current: null as Progress | null };
    const opts: SweepRunOptions = {
      db,
      workers: flags.workers,
      codeVersion: VERSION,
      now: Date.now,
      signal: controller.signal,
      onProgress: (done, all) => (bar.current ??= progress('sweep', all, 'backtests')).update(done),
    };
    const outcome = flags.resume
      ? await resumeSweep(flags.resume, opts)
      : await startSweep(
          {
            sweepId: newRunId('sweep'),
            base: settings,
            random: flags.random,
            seed: flags.seed,
            grid: grid!,
            symbol: flags.symbol ?? settings.symbols[0]!,
            from: flags.from,
            to: flags.to,
            objective: flags.objective,
            minTrades: flags.minTrades,
            walkForward,
          },
          opts,
        );
    bar.current?.stop();
    return await printOutcome(db, outcome, flags);
  } finally {
    process.off('SIGINT', stop).off('SIGTERM', stop);
    db.close();
  }
}

async function printOutcome(db: Database, o: SweepOutcome, flags: SweepFlags): Promise<number> {
  const out = process.stdout;
  const def = o.definition;
  const synthetic = def.dataSources.includes('synthetic');
  const rate = o.ran / Math.max(o.elapsedMs / 1000, 1e-9);
  out.write(`${pc.bold('sweep')} ${def.sweepId}  ${def.symbol} ${def.from} → ${def.to}, ${o.variants} variants, ${o.jobs} backtests${synthetic ? pc.yellow('  [SYNTHETIC DATA]') : ''}\n`);
  out.write(pc.dim(`  ran ${o.ran} in ${(o.elapsedMs / 1000).toFixed(1)} s (${rate.toFixed(1)} backtests/s, ${(o.barSteps / Math.max(o.elapsedMs / 1000, 1e-9) / 1e6).toFixed(2)}M bar-steps/s, ${flags.workers} workers)${o.skipped ? `, ${o.skipped} already stored` : ''}\n`));
  if (o.interrupted) {
    const store = await SweepStore.open(db);
    const s = (await store.summary(def.sweepId))!;
    out.write(`interrupted: ${s.done} of ${s.jobs} backtests are stored; finish with: optbot sweep --resume ${def.sweepId}\n`);
    return ExitCode.interrupted;
  }
  const store = await SweepStore.open(db);
  const paths = def.grid.parameters.map((p) => p.path);
  const objective: ObjectiveName = def.objective;
  if (def.walkForward) {
    const wf = (await store.walkForward(def.sweepId))!;
    const results = await store.results(def.sweepId);
    out.write(windowTable(wf.windows, results, paths, objective));
    const trainSharpes = wf.windows.map((w) => results.find((r) => r.variant === w.variant && r.segment === `train-${w.window}`)?.figures.sharpe ?? NaN);
    const gap = walkForwardGap(trainSharpes, wf.summary.figures.sharpe);
    out.write(`out-of-sample (stitched): return ${fmt(wf.summary.figures.totalReturn)}, Sharpe ${fmt(gap.outOfSampleSharpe)}, ${wf.summary.figures.trades} trades; in-sample mean Sharpe ${fmt(gap.inSampleSharpe)}; OOS/IS ratio ${fmt(gap.ratio)}\n`);
  } else {
    const ranked = rank(await store.results(def.sweepId, 'all'), (r) => r.figures, objective, def.minTrades);
    if (ranked.length === 0) out.write(`no variant has at least ${def.minTrades} trades\n`);
    else out.write(bestTable(ranked.slice(0, flags.top), paths, objective));
    if (ranked.length > 0) out.write(pc.dim(`full run report of a variant: optbot sweep report ${def.sweepId} --variant ${ranked[0]!.item.variant}\n`));
  }
  if (flags.report) {
    const path = defaultSweepReportPath(def.sweepId);
    const bytes = await writeSweepReport(db, def.sweepId, path);
    out.write(`report: ${path} (${(bytes / 1e6).toFixed(1)} MB)\n`);
  }
  out.write(`sweep id: ${def.sweepId}\n`);
  return ExitCode.ok;
}

async function reportCommand(sweepId: string, flags: SettingsFlags & { variant?: number; out?: string; top: number }): Promise<void> {
  const { settings } = loadSettings({ file: flags.config, set: flags.set });
  const db = await openDatabase(settings.data.store_path);
  try {
    const store = await SweepStore.open(db);
    const summary = await store.summary(sweepId);
    if (!summary) throw new CliError(`no sweep ${sweepId} in ${settings.data.store_path}`, ExitCode.badInput);
    if (flags.variant === undefined) {
      const path = flags.out ?? defaultSweepReportPath(sweepId);
      const bytes = await writeSweepReport(db, sweepId, path, flags.top);
      process.stdout.write(`report: ${path} (${(bytes / 1e6).toFixed(1)} MB)\n`);
      return;
    }
    const variantSettings = await store.settingsOf(sweepId, flags.variant);
    if (!variantSettings) throw new CliError(`sweep ${sweepId} has no finished variant ${flags.variant}`, ExitCode.badInput);
    const def = summary.definition;
    const runId = newRunId('bt');
    await backtestStored({ db, settings: variantSettings, symbol: def.symbol, from: def.from, to: def.to, runId, codeVersion: VERSION, now: Date.now });
    const path = flags.out ?? defaultReportPath(`${sweepId}-v${flags.variant}`);
    const bytes = await writeRunReport(db, runId, path);
    process.stdout.write(`variant ${flags.variant} of ${sweepId} ran as ${runId}\nreport: ${path} (${(bytes / 1e6).toFixed(1)} MB)\n`);
  } finally {
    db.close();
  }
}
