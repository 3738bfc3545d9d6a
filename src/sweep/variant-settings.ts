import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from '../config/config-error.js';
import { settingsSchema, type Settings } from '../config/schema.js';
import type { GridParameter, SweepGrid } from './grid.js';
import type { Variant } from './variants.js';

/** Sections a backtest never reads: sweeping them would run identical variants. */
const INERT = ['broker', 'dry_run', 'symbols', 'data', 'logging'];

export interface PreparedVariant extends Variant {
  settings: Settings;
}

/**
 * Every variant's full settings: the base settings with the variant's values set, validated by
 * the settings schema. Nothing runs unless all are valid: a ConfigError lists each distinct
 * problem once, at the grid line of the parameter it concerns, with the first variant showing it.
 */
export function prepareVariants(base: Settings, grid: SweepGrid, variants: readonly Variant[]): PreparedVariant[] {
  const inert = grid.parameters.filter((p) => INERT.includes(p.path.split('.')[0]!));
  if (inert.length > 0) {
    throw new ConfigError(inert.map((p) => ({ where: p.where, path: p.path, message: 'a backtest does not read this setting: sweeping it changes nothing' })));
  }
  const problems = new Map<string, { issue: ConfigIssue; variant: Variant; count: number }>();
  const prepared: PreparedVariant[] = [];
  for (const v of variants) {
    const raw = structuredClone(base) as unknown as Record<string, unknown>;
    for (const [path, value] of Object.entries(v.overrides)) setPath(raw, path.split('.'), value);
    const result = settingsSchema.safeParse(raw);
    if (result.success) {
      prepared.push({ ...v, settings: result.data });
      continue;
    }
    for (const issue of result.error.issues.flatMap((i) => issuesOf(i, grid))) {
      const key = `${issue.where}|${issue.path}|${issue.message}`;
      const seen = problems.get(key);
      if (seen) seen.count++;
      else problems.set(key, { issue, variant: v, count: 1 });
    }
  }
  if (problems.size > 0) {
    throw new ConfigError(
      [...problems.values()].map(({ issue, variant, count }) => ({
        ...issue,
        message: `${issue.message}, e.g. in variant ${variant.id} (${describeOverrides(variant.overrides)})${count > 1 ? ` and ${count - 1} more` : ''}`,
      })),
    );
  }
  return prepared;
}

/** "risk.stop_loss_pct=0.1, strategy.scalp.rsi_buy_max=70" */
export const describeOverrides = (overrides: Record<string, unknown>): string =>
  Object.entries(overrides)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ');

/** A schema issue of a variant, placed at the swept parameter it concerns (the base settings alone are valid). */
function issuesOf(issue: z.core.$ZodIssue, grid: SweepGrid): ConfigIssue[] {
  const base = issue.path.map(String);
  const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...base, k].join('.')) : [base.join('.')];
  const message = issue.code === 'unrecognized_keys' ? 'unknown setting (check the spelling)' : issue.message;
  return paths.map((path) => {
    const parameter = parameterOf(grid.parameters, path);
    return { where: parameter?.where ?? grid.file, path, message };
  });
}

/** The swept parameter a settings path lies in or contains; for a cross-field rule, the nearest sibling. */
function parameterOf(parameters: readonly GridParameter[], path: string): GridParameter | undefined {
  const related = (a: string, b: string) => a === b || a.startsWith(b + '.') || b.startsWith(a + '.');
  const section = path.split('.').slice(0, -1).join('.');
  return parameters.find((p) => related(p.path, path)) ?? parameters.find((p) => section !== '' && p.path.startsWith(section + '.'));
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const child = node[key];
    node = (node[key] = typeof child === 'object' && child !== null && !Array.isArray(child) ? child : {}) as Record<string, unknown>;
  }
  node[path.at(-1)!] = value;
}
