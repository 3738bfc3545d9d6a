import type { Command } from 'commander';
import { runCommand } from '../run-command.js';
import { withSettingsOptions, type SettingsFlags } from '../settings-options.js';

export interface ConfigCheckFlags extends SettingsFlags {
  placeOrders: boolean;
}

export function registerConfigCommands(program: Command): void {
  const config = program.command('config').description('inspect and validate settings');
  withSettingsOptions(
    config
      .command('check')
      .argument('[file]', 'settings file to check (same as --config)')
      .description('validate settings as the live command would and print the effective values')
      .option('--place-orders', 'check as `optbot live --place-orders` would (allows dry_run: false)', false),
  ).action((file: string | undefined, flags: ConfigCheckFlags) => runCommand(async () => (await import('../actions/config-check.js')).configCheck(file, flags)));
}
