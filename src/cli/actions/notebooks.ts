import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import pc from 'picocolors';
import { loadSettings } from '../../config/load-settings.js';
import { notebookFiles, runNotebooks } from '../../notebook/run-notebooks.js';
import { notebookName, type NotebookRun } from '../../notebook/run-notebook.js';
import type { NotebooksFlags } from '../commands/notebooks.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { VERSION } from '../version.js';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

function describe(run: NotebookRun, htmlPath: string): string {
  const name = notebookName(run.file);
  const near = relative(process.cwd(), htmlPath);
  const page = near.startsWith('..') ? htmlPath : near;
  if (!run.failure) return `${pc.green('✓')} ${name}  ${run.cells.length} cells, ${seconds(run.ms)} → ${page}\n`;
  const cell = run.cells[run.failure.cell]!.cell;
  return `${pc.red('✗')} ${name}: cell ${cell.index + 1} “${cell.title}” (line ${cell.line}) failed: ${run.failure.message}\n  → ${page}\n`;
}

/** `optbot notebooks`: runs the chosen notebooks headless, one line per notebook; fails if any cell fails. */
export async function notebooks(names: string[], flags: NotebooksFlags): Promise<ExitCode> {
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
