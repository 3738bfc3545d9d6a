import type { Command } from 'commander';
import { DEFAULT_STATE_DIR } from '../../runtime/heartbeat.js';
import { StateFileStore } from '../../runtime/state-file-store.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { runCommand } from '../run-command.js';

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
    .action((flags: StateFlags) =>
      runCommand(() => {
        const { state: s, blocked } = new StateFileStore(flags.stateDir).load();
        const out = process.stdout;
        if (blocked) out.write(`BLOCKED: ${blocked}\n`);
        if (!s) return void out.write(`no state in ${flags.stateDir}\n`);
        const day = s.engine.day;
        out.write(`date ${s.date}, saved after ${new Date(s.asOf).toISOString()} by run ${s.runId}\n`);
        out.write(`equity cash ${s.engine.cash.toFixed(2)}, realized ${s.engine.realized.toFixed(2)}\n`);
        out.write(`guard ${day?.halted ? `HALTED: ${day.haltReason}` : 'clear'}, entries today ${day?.entriesToday ?? 0}\n`);
        out.write(`open positions ${s.engine.positions.length}, working entries ${s.engine.pendingEntries.length}\n`);
      }),
    );
  state
    .command('reset')
    .description('forget the saved state and lift a corrupt-file block (corrupt copies are kept); needs --confirm')
    .option('--state-dir <dir>', 'where the daily state is kept', DEFAULT_STATE_DIR)
    .option('--confirm', 'really reset')
    .action((flags: StateFlags) =>
      runCommand(() => {
        if (!flags.confirm) throw new CliError('state reset forgets the guard, the whale cooldowns and the open positions: rerun with --confirm', ExitCode.badInput);
        const removed = new StateFileStore(flags.stateDir).reset();
        process.stdout.write(removed.length ? `removed ${removed.join(', ')}\n` : `nothing to reset in ${flags.stateDir}\n`);
      }),
    );
}
