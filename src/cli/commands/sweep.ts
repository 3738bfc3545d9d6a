import { InvalidArgumentError, type Command } from 'commander';
import { OBJECTIVE_NAMES, isObjective } from '../../sweep/objective.js';
import { defaultWorkers } from '../../sweep/sweep-pool.js';
import { checkDates } from '../check-dates.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { runCommand } from '../run-command.js';
import { withSettingsOptions, type SettingsFlags } from '../settings-options.js';

export interface SweepFlags extends SettingsFlags {
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

export interface SweepReportFlags extends SettingsFlags {
  variant?: number;
  out?: string;
  top: number;
}

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
  ).action((flags: SweepFlags) =>
    runCommand(async () => {
      checkDates(['--from', flags.from], ['--to', flags.to]);
      if (!isObjective(flags.objective)) throw new CliError(`--objective ${flags.objective}: expected one of ${OBJECTIVE_NAMES.join(', ')}`, ExitCode.badInput);
      if (!flags.resume && !flags.grid) throw new CliError('--grid FILE is required (or --resume SWEEP_ID)', ExitCode.badInput);
      return (await import('../actions/sweep.js')).sweep({ ...flags, objective: flags.objective });
    }),
  );

  withSettingsOptions(
    sweep
      .command('report <sweep-id>')
      .description("write a sweep's HTML report, or with --variant the full run report of one variant (runs it as `optbot backtest` would)")
      .option('--variant <n>', 'the variant id (first column of the best table)', nonNegativeInt)
      .option('--out <file>', 'where to write it (default: reports/SWEEP_ID.html, or reports/SWEEP_ID-vN.html)')
      .option('--top <n>', 'rows of the top-N table', positiveInt, 20),
  ).action((sweepId: string, flags: SweepReportFlags) => runCommand(async () => (await import('../actions/sweep.js')).sweepReport(sweepId, flags)));
}

