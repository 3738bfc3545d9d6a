import type { Command } from 'commander';
import { CliError, ExitCode } from '../exit-codes.js';
import { runCommand } from '../run-command.js';
import { DEFAULT_STATE_DIR } from '../state-dir.js';

interface StatusFlags {
  stateDir: string;
  json: boolean;
  staleAfter?: string;
}

/** `optbot status`: the bot's health from its state files alone (never the Gateway); exit code for monitoring. */
export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description('health of the live bot from its state files (never the Gateway): alive, connected, halted, holdings')
    .option('--state-dir <dir>', 'folder with heartbeat.json and the daily state', DEFAULT_STATE_DIR)
    .option('--json', 'print the report as JSON', false)
    .option('--stale-after <seconds>', 'heartbeat age that counts as dead (default: 2 × the heartbeat interval)')
    .addHelpText(
      'after',
      '\nExit codes: 0 healthy, 1 halted or disconnected, 4 stale heartbeat (dead or hung), 5 no state.\n' +
        'OPTBOT_NOW=<ISO time or epoch ms> replaces the clock (for tests).',
    )
    .action((flags: StatusFlags) =>
      runCommand(async () => {
        const staleAfterS = flags.staleAfter === undefined ? undefined : positiveSeconds(flags.staleAfter);
        return (await import('../actions/status.js')).status(flags.stateDir, flags.json, staleAfterS);
      }),
    );
}

function positiveSeconds(text: string): number {
  const n = Number(text);
  if (!(n > 0)) throw new CliError(`--stale-after: must be a number of seconds > 0, got "${text}"`, ExitCode.badInput);
  return n;
}
