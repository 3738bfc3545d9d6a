import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_SAMPLE } from '../../venues/history/synthetic-sample-options.js';
import { runCommand } from '../run-command.js';
import { withSettingsOptions, type SettingsFlags } from '../settings-options.js';

export interface NotebooksFlags extends SettingsFlags {
  dir: string;
  out: string;
  store: boolean;
  sessions: number;
  seed: number;
  quick: boolean;
}

const positiveInt = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a whole number > 0');
  return n;
};

export function registerNotebooksCommand(program: Command): void {
  withSettingsOptions(
    program
      .command('notebooks')
      .argument('[names...]', 'notebooks to run (file names without .nb.ts, or a prefix such as 02); default: all')
      .description('run the research notebooks headless and render each to a self-contained HTML page; fails if any cell fails')
      .option('--dir <folder>', 'where the *.nb.ts notebooks are', 'notebooks')
      .option('--out <folder>', 'where the pages go (companion reports in a folder per notebook)', 'reports/notebooks')
      .option('--store', 'run on the configured bar store (data.store_path, e.g. real bars you ingested) instead of a fresh synthetic sample', false)
      .option('--sessions <n>', 'sessions of the synthetic sample', positiveInt, DEFAULT_SAMPLE.sessions)
      .option('--seed <n>', 'seed of the synthetic sample', positiveInt, DEFAULT_SAMPLE.seed)
      .option('--quick', 'small grids and short spans, as CI runs them', false),
  ).action((names: string[], flags: NotebooksFlags) => runCommand(async () => (await import('../actions/notebooks.js')).notebooks(names, flags)));
}
