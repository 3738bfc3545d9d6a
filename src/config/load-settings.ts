import { readFileSync, existsSync } from 'node:fs';
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from './config-error.js';
import { parseOverride, type Override } from './overrides.js';
import { orderPlacementProblem } from './order-mode.js';
import { settingsSchema, type Settings } from './schema.js';

export const DEFAULT_CONFIG_PATH = 'configs/settings.yaml';

export interface LoadOptions {
  /** YAML file; when omitted, `configs/settings.yaml` if it exists, else the schema defaults. */
  file?: string | undefined;
  /** `--set PATH=VALUE` texts, applied in order after the file. */
  set?: readonly string[];
  /**
   * Validate for the live command: `dry_run: false` is accepted only when `placeOrders` is true.
   * Offline commands (backtest, simulate) never send orders and leave this out.
   */
  live?: { placeOrders: boolean };
}

export interface LoadedSettings {
  settings: Settings;
  /** The file actually read, or null when running on defaults. */
  file: string | null;
  overrides: readonly Override[];
}

/** Reads, overrides and validates settings. Throws ConfigError listing every problem. */
export function loadSettings(opts: LoadOptions = {}): LoadedSettings {
  const file = opts.file ?? (existsSync(DEFAULT_CONFIG_PATH) ? DEFAULT_CONFIG_PATH : null);
  let text = '';
  if (file !== null) {
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new ConfigError([{ where: file, path: '', message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }]);
    }
  }
  const overrides = (opts.set ?? []).map(parseOverride);
  const name = file ?? '(defaults)';
  const settings = parseSettingsText(text, name, overrides);
  const problem = opts.live ? orderPlacementProblem(settings, opts.live.placeOrders) : null;
  if (problem) {
    const override = overrides.find((o) => o.source === 'dry_run');
    const where = override ? '--set' : locateLine(text, name, ['dry_run']);
    throw new ConfigError([{ where, path: 'dry_run', message: problem }]);
  }
  return { settings, file, overrides };
}

/** Validates settings given as YAML text; `name` labels the errors. */
export function parseSettingsText(text: string, name: string, overrides: readonly Override[] = []): Settings {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (offset: number) => `${name}:${lines.linePos(offset).line}`;
  if (doc.errors.length > 0) {
    throw new ConfigError(doc.errors.map((e) => ({ where: at(e.pos[0]), path: '', message: `invalid YAML: ${firstLine(e.message)}` })));
  }
  const raw: unknown = doc.toJS() ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError([{ where: name, path: '', message: 'must be a mapping of settings sections' }]);
  }
  for (const o of overrides) setIn(raw as Record<string, unknown>, o);
  const result = settingsSchema.safeParse(raw);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.flatMap((i) => toIssues(i, doc, at, name, overrides)));
}

function toIssues(
  issue: z.core.$ZodIssue,
  doc: Document,
  at: (offset: number) => string,
  name: string,
  overrides: readonly Override[],
): ConfigIssue[] {
  const base = issue.path.map(String);
  const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...base, k]) : [base];
  const message = issue.code === 'unrecognized_keys' ? 'unknown setting (check the spelling)' : issue.message;
  return paths.map((path) => {
    const dotted = path.join('.');
    const override = [...overrides].reverse().find((o) => related(dotted, o.source));
    if (override) return { where: '--set', path: dotted, message };
    const offset = locate(doc, path);
    return { where: offset === null ? name : at(offset), path: dotted, message };
  });
}

function locateLine(text: string, name: string, path: readonly string[]): string {
  const lines = new LineCounter();
  const offset = locate(parseDocument(text, { lineCounter: lines }), path);
  return offset === null ? name : `${name}:${lines.linePos(offset).line}`;
}

/** Offset of the deepest YAML node along `path`: the key itself when it exists, else its nearest parent. */
function locate(doc: Document, path: readonly string[]): number | null {
  let node: unknown = doc.contents;
  let offset: number | null = (node as Node | null)?.range?.[0] ?? null;
  for (const key of path) {
    if (!isMap(node)) break;
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    if (!pair) break;
    offset = (pair.key as Node).range?.[0] ?? offset;
    node = pair.value;
  }
  return offset;
}

function setIn(target: Record<string, unknown>, o: Override): void {
  let obj = target;
  for (const key of o.path.slice(0, -1)) {
    const next = obj[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) obj[key] = {};
    obj = obj[key] as Record<string, unknown>;
  }
  obj[o.path[o.path.length - 1]!] = o.value;
}

/** True when one dotted path lies inside the other (or they are equal). */
const related = (a: string, b: string) => a === b || a.startsWith(b + '.') || b.startsWith(a + '.');

const firstLine = (s: string) => s.split('\n')[0] ?? s;
