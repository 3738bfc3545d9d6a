import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError, ExitCode } from '../cli/exit-codes.js';
import type { Settings } from '../config/schema.js';
import { openDatabase } from '../duckdb/database.js';
import { BarStore } from '../venues/history/bar-store.js';
import { SYNTHETIC_SOURCE, syntheticMinuteBars } from '../venues/history/synthetic-sample.js';
import { runIdMaker, type NotebookContext, type NotebookData } from './context.js';
import { renderNotebook } from './render.js';
import { notebookName, runNotebook, type NotebookRun } from './run-notebook.js';

export interface NotebooksRequest {
  /** The notebook files, run in this order. */
  files: readonly string[];
  /** Pages go to OUT/NAME.html, companion files to OUT/NAME/. */
  outDir: string;
  /** The settings from the config file and --set. */
  settings: Settings;
  /** `sample`: a fresh temporary store with `sessions` synthetic sessions; `store`: settings.data.store_path. */
  data: { kind: 'sample'; sessions: number; seed: number } | { kind: 'store' };
  quick: boolean;
  codeVersion: string;
  /** Wall clock, for run ids on a persistent store only. */
  now: () => number;
  /** Told when each notebook finishes. */
  onNotebook?: (run: NotebookRun, htmlPath: string) => void;
}

export interface NotebooksOutcome {
  runs: { run: NotebookRun; htmlPath: string }[];
  failed: number;
}

/** The `*.nb.ts` files of a folder, by name. */
export function notebookFiles(dir: string): string[] {
  if (!existsSync(dir)) throw new CliError(`no notebook folder ${dir}`, ExitCode.badInput);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.nb.ts'))
    .sort()
    .map((f) => join(dir, f));
}

/** "20260123-101502": UTC, for ids that outlive the run. */
const stampOf = (t: number): string => new Date(t).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');

/** The store the notebooks read, and what the page says about it. */
async function prepareData(req: NotebooksRequest, scratch: string): Promise<{ settings: Settings; data: NotebookData }> {
  const settings = structuredClone(req.settings);
  const symbol = settings.symbols[0]!;
  if (req.data.kind === 'sample') {
    const storePath = join(scratch, 'sample.duckdb');
    const db = await openDatabase(storePath);
    try {
      const store = await BarStore.fromDatabase(db);
      await store.insertBars(symbol, '1m', SYNTHETIC_SOURCE, syntheticMinuteBars({ sessions: req.data.sessions, seed: req.data.seed }), 'keep');
      store.close();
    } finally {
      db.close();
    }
    settings.data.store_path = storePath;
    settings.logging.file = '';
    const label = `synthetic sample: ${req.data.sessions} sessions of ${symbol}, seed ${req.data.seed} (a fresh store for this run)`;
    return { settings, data: { kind: 'sample', storePath, synthetic: true, label } };
  }
  const storePath = settings.data.store_path;
  const db = await openDatabase(storePath);
  try {
    const store = await BarStore.fromDatabase(db);
    const series = (await store.series()).find((s) => s.symbol === symbol && s.barSize === '1m');
    store.close();
    if (!series) throw new CliError(`${storePath} holds no 1-minute bars of ${symbol}: \`optbot ingest FILE --symbol ${symbol}\` (or run on the sample without --store)`, ExitCode.badInput);
    const synthetic = series.sources.includes(SYNTHETIC_SOURCE);
    return { settings, data: { kind: 'store', storePath, synthetic, label: `bar store ${storePath} (sources: ${series.sources.join(', ')})` } };
  } finally {
    db.close();
  }
}

/**
 * Runs every notebook (one after another, each in a fresh module) on the chosen data and writes
 * each page, whether or not it failed; a failed notebook does not stop the others.
 */
export async function runNotebooks(req: NotebooksRequest): Promise<NotebooksOutcome> {
  const scratch = mkdtempSync(join(tmpdir(), 'optbot-notebooks-'));
  try {
    const { settings, data } = await prepareData(req, scratch);
    const stamp = data.kind === 'sample' ? null : stampOf(req.now());
    const runs: NotebooksOutcome['runs'] = [];
    mkdirSync(req.outDir, { recursive: true });
    for (const file of req.files) {
      const name = notebookName(file);
      const outDir = resolve(req.outDir, name);
      const workDir = join(scratch, name);
      mkdirSync(workDir, { recursive: true });
      const context: NotebookContext = { name, settings: () => structuredClone(settings), symbol: settings.symbols[0]!, data, quick: req.quick, outDir, workDir, runId: runIdMaker(name, stamp) };
      const run = await runNotebook(file, context);
      const htmlPath = resolve(req.outDir, `${name}.html`);
      writeFileSync(htmlPath, renderNotebook(run, { htmlPath, sourceLabel: `${basename(dirname(resolve(file)))}/${basename(file)}`, data, codeVersion: req.codeVersion }));
      runs.push({ run, htmlPath });
      req.onNotebook?.(run, htmlPath);
    }
    return { runs, failed: runs.filter((r) => r.run.failure !== null).length };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
