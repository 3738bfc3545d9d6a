import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { executableSource, parseNotebook, type NotebookCell } from './cells.js';
import type { NotebookContext } from './context.js';
import { installSession, type CellOutput, type NotebookSession } from './session.js';

export interface CellResult {
  cell: NotebookCell;
  status: 'ok' | 'failed' | 'skipped';
  outputs: CellOutput[];
  /** The error with its stack (lines of the notebook), when the cell failed. */
  error?: string;
  /** Wall time the cell took (not rendered: pages stay the same from run to run). */
  ms: number;
}

export interface NotebookRun {
  file: string;
  title: string;
  cells: CellResult[];
  failure: { cell: number; message: string } | null;
  ms: number;
}

export const notebookName = (file: string): string => basename(file).replace(/\.nb\.ts$/, '');

/**
 * Where the executable module is written: dist/notebooks/, beside the built notebooks, so a
 * notebook's `../src/index.js` is the built public API (from the sources under vitest, too).
 */
const COMPILED_DIR = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '../../dist/notebooks/' : '../../notebooks/', import.meta.url));

/** An error's stack without the runner's frames (everything from the module loader down). */
const notebookStack = (e: Error): string => {
  const lines = (e.stack ?? e.message).split('\n');
  const loader = lines.findIndex((l) => /\(node:internal\/modules\/|at ModuleJob\.run/.test(l));
  return (loader > 0 ? lines.slice(0, loader) : lines).join('\n');
};

type Transpile = (source: string, fileName: string) => string;

/** TypeScript's transpiler (a dev dependency: notebooks are a research tool of a checkout). */
async function transpiler(): Promise<Transpile> {
  let ts: typeof import('typescript');
  try {
    ts = (await import('typescript')).default;
  } catch {
    throw new Error('notebooks need the TypeScript compiler: run `npm install` (with dev dependencies)');
  }
  return (source, fileName) =>
    ts.transpileModule(source, {
      fileName,
      // Stack traces then name the notebook's own file and lines, not the module written to dist/.
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, inlineSourceMap: true, inlineSources: true, sourceRoot: pathToFileURL(dirname(fileName)).href },
    }).outputText;
}

const CONSOLE_METHODS = [['log', 'out'], ['info', 'out'], ['debug', 'out'], ['warn', 'err'], ['error', 'err']] as const;

/**
 * Runs a notebook's cells in order in this process (one module: later cells see earlier
 * declarations), each cell's console output, tables and charts captured as its outputs. The
 * first error stops the notebook: that cell is failed, the rest skipped.
 */
export async function runNotebook(file: string, context: NotebookContext): Promise<NotebookRun> {
  const started = performance.now();
  const source = readFileSync(file, 'utf8');
  const cells = parseNotebook(source, file);
  const results: CellResult[] = cells.map((cell) => ({ cell, status: 'skipped', outputs: [], ms: 0 }));
  const title = cells.find((c) => /^#\s/m.test(c.markdown))?.title ?? notebookName(file);
  let current = -1;
  let cellStart = started;
  const close = () => {
    const r = results[current];
    if (r && r.status === 'skipped') {
      r.status = 'ok';
      r.ms = performance.now() - cellStart;
    }
  };
  const session: NotebookSession = {
    context,
    enter: (cell) => {
      close();
      current = cell;
      cellStart = performance.now();
    },
    emit: (output) => {
      const r = results[Math.max(current, 0)]!;
      const last = r.outputs.at(-1);
      // Consecutive console lines of one stream read as one block.
      if (output.kind === 'text' && last?.kind === 'text' && last.stream === output.stream) last.text += '\n' + output.text;
      else r.outputs.push(output);
    },
  };

  const path = resolve(file);
  const hash = createHash('sha256').update(path).digest('hex').slice(0, 8);
  // Per source path and process: two runs of one notebook at once never share (or delete) each other's module.
  const compiled = `${COMPILED_DIR}${notebookName(file)}.${hash}.${process.pid}.cells.js`;
  const saved = CONSOLE_METHODS.map(([m]) => console[m]);
  let failure: NotebookRun['failure'] = null;
  const fail = (e: unknown) => {
    if (failure) return;
    const r = results[Math.max(current, 0)]!;
    r.status = 'failed';
    r.error = e instanceof Error ? notebookStack(e) : String(e);
    r.ms = performance.now() - cellStart;
    failure = { cell: r.cell.index, message: e instanceof Error ? e.message : String(e) };
  };
  const onUnhandled = (e: unknown) => fail(e);
  try {
    const js = (await transpiler())(executableSource(source, file), path);
    mkdirSync(COMPILED_DIR, { recursive: true });
    writeFileSync(compiled, js);
    installSession(session);
    process.setSourceMapsEnabled(true);
    process.on('unhandledRejection', onUnhandled);
    for (const [method, stream] of CONSOLE_METHODS) console[method] = (...args: unknown[]) => session.emit({ kind: 'text', stream, text: format(...args) });
    await import(`${pathToFileURL(compiled).href}?run=${Date.now()}`);
    close();
  } catch (e) {
    fail(e);
  } finally {
    CONSOLE_METHODS.forEach(([m], i) => (console[m] = saved[i]!));
    process.off('unhandledRejection', onUnhandled);
    installSession(undefined);
    rmSync(compiled, { force: true });
  }
  return { file, title, cells: results, failure, ms: performance.now() - started };
}
