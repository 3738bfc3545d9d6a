import type { Command } from 'commander';
import { CliError, ExitCode } from '../exit-codes.js';
import { runCommand } from '../run-command.js';
import { DEFAULT_STATE_DIR } from '../state-dir.js';

interface StateFlags {
  stateDir: string;
  confirm?: boolean;
}

export function registerStateCommands(program: Command): void {
  const state = program.command('state').description('the persisted daily state (guard, whale cooldowns, open positions)');
  state
    .command('show')
    .description('print the saved state: its date, when it was saved, the guard and open positions')
    .option('--state-dir <dir>', 'where the daily state is kept', DEFAULT_STATE_DIR)
    .action((flags: StateFlags) => runCommand(async () => (await import('../actions/state.js')).showState(flags.stateDir)));
  state
    .command('reset')
    .description('forget the saved state and lift a corrupt-file block (corrupt copies are kept); needs --confirm')
    .option('--state-dir <dir>', 'where the daily state is kept', DEFAULT_STATE_DIR)
    .option('--confirm', 'really reset')
    .action((flags: StateFlags) =>
      runCommand(async () => {
        if (!flags.confirm) throw new CliError('state reset forgets the guard, the whale cooldowns and the open positions: rerun with --confirm', ExitCode.badInput);
        return (await import('../actions/state.js')).resetState(flags.stateDir);
      }),
    );
}
