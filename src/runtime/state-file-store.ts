import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file.js';
import { decodeState, encodeState } from './state-codec.js';
import { runtimeStateSchema, type RuntimeState } from './runtime-state.js';

/** What `load` found: the saved state (if any) and, while a corrupt file blocks entries, why. */
export interface LoadedState {
  state: RuntimeState | null;
  /** The operator-facing message; non-null until `optbot state reset --confirm`. */
  blocked: string | null;
}

const STATE_FILE = 'daily-state.json';
const BLOCK_FILE = 'entries-blocked.json';

/** The documented message of a corrupt state file. */
export const corruptStateMessage = (path: string, why: string, keptAs: string): string =>
  `state file ${path} is corrupt (${why}); it was kept aside as ${keptAs}. ` +
  'No new positions will be opened until you run `optbot state reset --confirm`.';

/**
 * The daily state on disk, in `--state-dir` (default data/state): one file, replaced atomically
 * on every save (write a temporary file, fsync it, rename it over the old one, fsync the folder),
 * so a kill at any point leaves the old state or the new one, never a broken one. A file that
 * does not parse is renamed aside (never deleted) and entries stay blocked until a reset.
 */
export class StateFileStore {
  readonly path: string;
  private readonly blockPath: string;

  constructor(readonly dir: string) {
    this.path = join(dir, STATE_FILE);
    this.blockPath = join(dir, BLOCK_FILE);
  }

  load(): LoadedState {
    // A temporary file is a save that never reached its rename: the state is the previous one.
    for (const tmp of this.tempFiles()) rmSync(tmp, { force: true });
    let state: RuntimeState | null = null;
    if (existsSync(this.path)) {
      const why = this.problem(readFileSync(this.path, 'utf8'));
      if (typeof why === 'string') this.keepAside(why);
      else state = why;
    }
    return { state, blocked: existsSync(this.blockPath) ? (JSON.parse(readFileSync(this.blockPath, 'utf8')) as { message: string }).message : null };
  }

  save(state: RuntimeState): void {
    writeFileAtomic(this.path, encodeState(state));
  }

  /** `optbot state reset --confirm`: forgets the state and lifts the block; corrupt copies stay for inspection. Returns what was removed. */
  reset(): string[] {
    const removed = [this.path, ...this.tempFiles(), this.blockPath].filter((p) => existsSync(p));
    for (const p of removed) rmSync(p);
    return removed;
  }

  /** The parsed state, or why the text is not one. */
  private problem(text: string): RuntimeState | string {
    let raw: unknown;
    try {
      raw = decodeState(text);
    } catch (e) {
      return `not JSON: ${(e as Error).message}`;
    }
    const r = runtimeStateSchema.safeParse(raw);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      return `${issue.path.join('.') || 'the file'}: ${issue.message}`;
    }
    return raw as RuntimeState;
  }

  private keepAside(why: string): void {
    let n = 1;
    while (existsSync(`${this.path}.corrupt-${n}`)) n++;
    const keptAs = `${this.path}.corrupt-${n}`;
    renameSync(this.path, keptAs);
    writeFileAtomic(this.blockPath, JSON.stringify({ message: corruptStateMessage(this.path, why, keptAs), keptAs }) + '\n');
  }

  /** Temporary files `writeFileAtomic` leaves when killed before its rename ("daily-state.json.<pid>.tmp"). */
  private tempFiles(): string[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((f) => f.startsWith(`${STATE_FILE}.`) && f.endsWith('.tmp'))
      .map((f) => join(this.dir, f));
  }
}
