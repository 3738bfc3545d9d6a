import type { TopLevelSpec } from 'vega-lite';
import type { NotebookContext } from './context.js';

/** One table cell as shown: its text, and the value sorting uses (numbers sort numerically). */
export interface TableCell {
  text: string;
  sort?: number | string;
}

/** What a cell produced, in order: console lines, prose, tables, charts, links to companion files. */
export type CellOutput =
  | { kind: 'text'; stream: 'out' | 'err'; text: string }
  | { kind: 'markdown'; text: string }
  | { kind: 'table'; columns: { label: string; numeric: boolean }[]; rows: TableCell[][]; caption: string; note: string }
  | { kind: 'chart'; spec: TopLevelSpec; caption: string }
  | { kind: 'link'; href: string; label: string };

/** The runner's side of a running notebook: which cell is executing, and where its outputs go. */
export interface NotebookSession {
  readonly context: NotebookContext;
  enter(cell: number): void;
  emit(output: CellOutput): void;
}

/*
 * The session lives on globalThis under a registered symbol, not in a module variable: a notebook
 * imports the built public API (dist/src/index.js) while the runner may be another instance of
 * this module (the TypeScript sources under vitest), and both must see the same session.
 */
const KEY = Symbol.for('optbot.notebook.session');
type Holder = { [KEY]?: NotebookSession };

/** The statement the runner puts where each cell starts in the code it executes. */
export const enterStatement = (cell: number): string => `globalThis[Symbol.for('optbot.notebook.session')].enter(${cell});`;

export function currentSession(): NotebookSession {
  const session = (globalThis as Holder)[KEY];
  if (!session) throw new Error('no notebook is running: notebooks run under `optbot notebooks`, which renders them');
  return session;
}

export function installSession(session: NotebookSession | undefined): void {
  if (session) (globalThis as Holder)[KEY] = session;
  else delete (globalThis as Holder)[KEY];
}
