import type { Command } from 'commander';
import pc from 'picocolors';
import { stringify } from 'yaml';
import { loadSettings } from '../../config/load-settings.js';
import { describeTarget } from '../../config/order-mode.js';
import { runCommand } from '../run-command.js';
import { withSettingsOptions, type SettingsFlags } from '../settings-options.js';

export function registerConfigCommands(program: Command): void {
  const config = program.command('config').description('inspect and validate settings');
  withSettingsOptions(
    config
      .command('check')
      .argument('[file]', 'settings file to check (same as --config)')
      .description('validate settings as the live command would and print the effective values')
      .option('--place-orders', 'check as `optbot live --place-orders` would (allows dry_run: false)', false),
  ).action((file: string | undefined, flags: SettingsFlags & { placeOrders: boolean }) =>
    runCommand(() => {
      const loaded = loadSettings({ file: file ?? flags.config, set: flags.set, live: { placeOrders: flags.placeOrders } });
      process.stdout.write(`# ${loaded.file ?? 'built-in defaults'}${loaded.overrides.length ? ` with ${loaded.overrides.length} --set override(s)` : ''}: valid\n`);
      process.stdout.write(`# ${describeTarget(loaded.settings, flags.placeOrders)}\n`);
      process.stdout.write(stringify(loaded.settings));
      process.stderr.write(pc.green('settings OK\n'));
    }),
  );
}
