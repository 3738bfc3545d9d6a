import type { Command } from 'commander';
import { runCommand } from '../run-command.js';
import { withSettingsOptions, type SettingsFlags } from '../settings-options.js';

export interface RunsFlags extends SettingsFlags {
  json: boolean;
}

export function registerRunsCommand(program: Command): void {
  withSettingsOptions(
    program
      .command('runs')
      .description('list the runs recorded in the journal (backtests, simulations, live sessions), oldest first')
      .option('--json', 'print the runs as a JSON array (times in epoch ms UTC)', false),
  ).action((flags: RunsFlags) => runCommand(async () => (await import('../actions/runs.js')).printRuns(flags)));
}
