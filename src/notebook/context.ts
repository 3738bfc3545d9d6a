import type { Settings } from '../config/schema.js';
import { currentSession } from './session.js';

/** Where a notebook run's bars come from. */
export interface NotebookData {
  /** `sample`: a fresh store holding only the synthetic sample; `store`: the configured bar store. */
  kind: 'sample' | 'store';
  storePath: string;
  /** True when any stored bar of the symbol is generated (pages then carry the synthetic banner). */
  synthetic: boolean;
  /** One line for the page header, e.g. "synthetic sample: 20 sessions, seed 1". */
  label: string;
}

/** What the runner hands every notebook: its settings, its data, and where it may write. */
export interface NotebookContext {
  /** The notebook's file name without `.nb.ts`, e.g. "01-data-tour". */
  readonly name: string;
  /** The settings the run starts from (config file and --set, with data.store_path at the data); a fresh copy per call. */
  settings(): Settings;
  readonly symbol: string;
  readonly data: NotebookData;
  /** A small run (`--quick`): tiny grids and few sessions, as CI runs it. */
  readonly quick: boolean;
  /** This notebook's folder for companion files (full reports) linked from its page. */
  readonly outDir: string;
  /** Scratch space removed after the run (e.g. a rehearsal's state folder). */
  readonly workDir: string;
  /** A run or sweep id: deterministic on the fresh sample store, stamped with the time on a persistent store. */
  runId(kind: string): string;
}

/** The running notebook's context (throws outside `optbot notebooks`). */
export const notebook = (): NotebookContext => currentSession().context;

/** Ids that never collide in one store: a per-run counter, plus a time stamp when the store outlives the run. */
export function runIdMaker(name: string, stamp: string | null): (kind: string) => string {
  let n = 0;
  return (kind) => `nb-${name}-${kind}${++n}${stamp === null ? '' : `-${stamp}`}`;
}

