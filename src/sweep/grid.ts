import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from 'yaml';
import { ConfigError, type ConfigIssue } from '../config/config-error.js';

/** One swept setting: its dotted path, the values it takes (in order) and the grid line that named it. */
export interface GridParameter {
  path: string;
  values: unknown[];
  /** "grids/x.yaml:3", for error messages. */
  where: string;
}

export interface SweepGrid {
  file: string;
  parameters: GridParameter[];
}

const PATH = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$/;
/** A range longer than this is almost certainly a typo (a step of 0.0001 instead of 0.01). */
export const MAX_RANGE_VALUES = 10_000;

/**
 * Values of `{from, to, step}`: from + i × step for i = 0, 1, … while ≤ to, each rounded to the
 * decimals of the inputs so 0.05 + 0.05 + 0.05 is 0.15, not 0.15000000000000002.
 */
export function rangeValues(from: number, to: number, step: number): number[] {
  const decimals = Math.max(decimalsOf(from), decimalsOf(step));
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  const values: number[] = [];
  for (let i = 0; i < count; i++) values.push(Number((from + i * step).toFixed(decimals)));
  return values;
}

/** Digits after the decimal point of a number as written (1e-7 → 7, 0.05 → 2, 3 → 0), at most 15. */
function decimalsOf(x: number): number {
  const [mantissa, exponent] = String(x).split('e');
  const fraction = mantissa!.split('.')[1]?.length ?? 0;
  return Math.min(15, Math.max(0, fraction - Number(exponent ?? 0)));
}

/** Reads a grid file; every problem (syntax, paths, lists, ranges) is reported at once with its line. */
export function loadGrid(file: string): SweepGrid {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError([{ where: file, path: '', message: `cannot read the grid: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }]);
  }
  return parseGrid(text, file);
}

/** Parses grid YAML: a mapping of setting paths to a list of values or a `{from, to, step}` range. */
export function parseGrid(text: string, file: string): SweepGrid {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (node: Node | null | undefined): string => (node?.range ? `${file}:${lines.linePos(node.range[0]).line}` : file);
  if (doc.errors.length > 0) {
    throw new ConfigError(doc.errors.map((e) => ({ where: `${file}:${lines.linePos(e.pos[0]).line}`, path: '', message: `invalid YAML: ${e.message.split('\n')[0]}` })));
  }
  if (!isMap(doc.contents)) {
    throw new ConfigError([{ where: file, path: '', message: 'a grid is a mapping of setting paths to lists or {from, to, step} ranges, e.g. risk.stop_loss_pct: [0.1, 0.15]' }]);
  }
  const issues: ConfigIssue[] = [];
  const parameters: GridParameter[] = [];
  for (const pair of doc.contents.items as Pair<Node, Node>[]) {
    const where = at(pair.key);
    const path = isScalar(pair.key) ? String(pair.key.value) : '';
    const fail = (message: string) => issues.push({ where, path, message });
    if (!PATH.test(path)) {
      fail('a grid key is a dotted setting path such as strategy.scalp.rsi_buy_max');
      continue;
    }
    if (parameters.some((p) => p.path === path)) {
      fail('swept twice');
      continue;
    }
    const related = parameters.find((p) => path.startsWith(p.path + '.') || p.path.startsWith(path + '.'));
    if (related) {
      fail(`overlaps ${related.path}: sweep a setting or its section, not both`);
      continue;
    }
    const values = parameterValues(pair.value, fail);
    if (values) parameters.push({ path, values, where });
  }
  if (issues.length === 0 && parameters.length === 0) issues.push({ where: file, path: '', message: 'the grid sweeps nothing' });
  if (issues.length > 0) throw new ConfigError(issues);
  return { file, parameters };
}

function parameterValues(node: Node | null, fail: (message: string) => void): unknown[] | null {
  if (isSeq(node)) {
    const values = (node.toJSON() as unknown[]) ?? [];
    if (values.length === 0) return fail('an empty list sweeps nothing'), null;
    const seen = new Set(values.map((v) => JSON.stringify(v)));
    if (seen.size !== values.length) return fail('lists a value twice'), null;
    return values;
  }
  if (isMap(node)) {
    const r = node.toJSON() as Record<string, unknown>;
    const keys = Object.keys(r).sort().join(',');
    if (keys !== 'from,step,to') return fail('a range is {from, to, step}'), null;
    const { from, to, step } = r as { from: unknown; to: unknown; step: unknown };
    if (![from, to, step].every((v) => typeof v === 'number' && Number.isFinite(v))) return fail('from, to and step must be numbers'), null;
    const [a, b, s] = [from, to, step] as number[];
    if (!(s! > 0)) return fail('step must be > 0'), null;
    if (b! < a!) return fail(`to (${b}) is below from (${a})`), null;
    if ((b! - a!) / s! + 1 > MAX_RANGE_VALUES) return fail(`more than ${MAX_RANGE_VALUES} values: check the step`), null;
    return rangeValues(a!, b!, s!);
  }
  return fail('expected a list of values or a {from, to, step} range'), null;
}
