import pc from 'picocolors';
import { stringify } from 'yaml';
import { loadSettings } from '../../config/load-settings.js';
import { describeTarget } from '../../config/order-mode.js';
import type { ConfigCheckFlags } from '../commands/config-check.js';

/** `optbot config check`: validates as `live` would and prints the effective settings and the target. */
export function configCheck(file: string | undefined, flags: ConfigCheckFlags): void {
  const loaded = loadSettings({ file: file ?? flags.config, set: flags.set, live: { placeOrders: flags.placeOrders } });
  process.stdout.write(`# ${loaded.file ?? 'built-in defaults'}${loaded.overrides.length ? ` with ${loaded.overrides.length} --set override(s)` : ''}: valid\n`);
  process.stdout.write(`# ${describeTarget(loaded.settings, flags.placeOrders)}\n`);
  process.stdout.write(stringify(loaded.settings));
  process.stderr.write(pc.green('settings OK\n'));
}
