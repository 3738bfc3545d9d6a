import { parse as parseYaml } from 'yaml';
import { ConfigError } from './config-error.js';

/** A `--set a.b.c=value` override; the value is read as a YAML scalar or flow collection. */
export interface Override {
  path: string[];
  value: unknown;
  /** The text the user typed, for error messages. */
  source: string;
}

const PATH = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$/;

export function parseOverride(text: string): Override {
  const eq = text.indexOf('=');
  const key = eq < 0 ? text : text.slice(0, eq).trim();
  const where = '--set';
  if (eq < 0 || !PATH.test(key)) {
    throw new ConfigError([{ where, path: '', message: `"${text}" is not PATH=VALUE, e.g. --set risk.stop_loss_pct=0.15` }]);
  }
  let value: unknown;
  try {
    value = parseYaml(text.slice(eq + 1));
  } catch (e) {
    throw new ConfigError([{ where, path: key, message: `value is not valid YAML: ${(e as Error).message}` }]);
  }
  return { path: key.split('.'), value, source: key };
}
