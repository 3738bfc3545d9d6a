import { InvalidArgumentError, type Command } from 'commander';
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import pc from 'picocolors';
import { loadSettings } from '../../config/load-settings.js';
import { notebookFiles, runNotebooks } from '../../notebook/run-notebooks.js';
import { notebookName, type NotebookRun } from '../../notebook/run-notebook.js';
import { DEFAULT_SAMPLE } from '../../venues/history/synthetic-sample.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { runCommand } from '../run-command.js';
import { withSettingsOptions, type SettingsFlags } from '../settings-options.js';
import { VERSION } from '../version.js';

interface NotebooksFlags extends SettingsFlags {
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

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

function describe(run: NotebookRun, htmlPath: string): string {
  const name = notebookName(run.file);
  const near = relative(process.cwd(), htmlPath);
  const page = near.startsWith('..') ? htmlPath : near;
  if (!run.failure) return `${pc.green('✓')} ${name}  ${run.cells.length} cells, ${seconds(run.ms)} → ${page}\n`;
  const cell = run.cells[run.failure.cell]!.cell;
  return `${pc.red('✗')} ${name}: cell ${cell.index + 1} “${cell.title}” (line ${cell.line}) failed: ${run.failure.message}\n  → ${page}\n`;
}

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
  ).action((names: string[], flags: NotebooksFlags) =>
    runCommand(async () => {
      const { settings } = loadSettings({ file: flags.config, set: flags.set });
      const all = notebookFiles(flags.dir);
      const files = names.length === 0 ? all : names.map((n) => pick(all, n, flags.dir));
      if (files.length === 0) throw new CliError(`no *.nb.ts notebooks in ${flags.dir}`, ExitCode.badInput);
      if (flags.store && !existsSync(settings.data.store_path)) throw new CliError(`--store: no store at ${settings.data.store_path}`, ExitCode.badInput);
      const outcome = await runNotebooks({
        files,
        outDir: flags.out,
        settings,
        data: flags.store ? { kind: 'store' } : { kind: 'sample', sessions: flags.sessions, seed: flags.seed },
        quick: flags.quick,
        codeVersion: VERSION,
        now: Date.now,
        onNotebook: (run, htmlPath) => process.stdout.write(describe(run, htmlPath)),
      });
      process.stdout.write(`${outcome.runs.length - outcome.failed} of ${outcome.runs.length} notebooks ran${outcome.failed ? pc.red(`, ${outcome.failed} failed`) : ''}\n`);
      return outcome.failed ? ExitCode.failure : ExitCode.ok;
    }),
  );
}

/** The one notebook a name designates: its exact name, or the only one starting with it. */
function pick(files: readonly string[], name: string, dir: string): string {
  const exact = files.find((f) => notebookName(f) === name);
  if (exact) return exact;
  const prefixed = files.filter((f) => notebookName(f).startsWith(name));
  if (prefixed.length === 1) return prefixed[0]!;
  const known = files.map(notebookName).join(', ');
  throw new CliError(prefixed.length === 0 ? `no notebook ${name} in ${dir} (there are: ${known})` : `${name} matches several notebooks: ${prefixed.map(notebookName).join(', ')}`, ExitCode.badInput);
}
