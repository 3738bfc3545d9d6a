import pc from 'picocolors';
import { backtestStored } from '../../backtest/backtest-run.js';
import { loadSettings } from '../../config/load-settings.js';
import { openDatabase, type Database } from '../../duckdb/database.js';
import { writeSweepReport, defaultSweepReportPath } from '../../report/sweep-report-file.js';
import { defaultReportPath, writeRunReport } from '../../report/write-run-report.js';
import { loadGrid } from '../../sweep/grid.js';
import { rank, type ObjectiveName } from '../../sweep/objective.js';
import { startSweep, resumeSweep, sweepVariants, type SweepOutcome, type SweepRunOptions } from '../../sweep/run-sweep.js';
import { SweepStore } from '../../sweep/sweep-store.js';
import { bestTable, fmt, windowTable } from '../../sweep/text-tables.js';
import { parseWalkForward, walkForwardGap } from '../../sweep/walk-forward.js';
import type { SweepFlags, SweepReportFlags } from '../commands/sweep.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { progress, type Progress } from '../progress.js';
import { newRunId } from '../run-id.js';
import { VERSION } from '../version.js';

/** `optbot sweep` (flags checked by its definition): runs or resumes the grid, prints the best or the walk-forward windows. */
export async function sweep(flags: SweepFlags & { objective: ObjectiveName }): Promise<number> {
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

/** `optbot sweep report`: the sweep's report, or one variant's full run report. */
export async function sweepReport(sweepId: string, flags: SweepReportFlags): Promise<void> {
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
