import type { Command } from 'commander';
import { DEFAULT_STATE_DIR } from '../../runtime/heartbeat.js';
import { readRunState } from '../../runtime/run-state.js';
import { assessStatus, formatStatus } from '../../runtime/status.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { runCommand } from '../run-command.js';

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
      runCommand(() => {
        const staleAfterS = flags.staleAfter === undefined ? undefined : positiveSeconds(flags.staleAfter);
        const report = assessStatus(readRunState(flags.stateDir), clockNow(), { staleAfterS });
        process.stdout.write(flags.json ? JSON.stringify(report, null, 2) + '\n' : formatStatus(report));
        return report.exit_code;
      }),
    );
}

function positiveSeconds(text: string): number {
  const n = Number(text);
  if (!(n > 0)) throw new CliError(`--stale-after: must be a number of seconds > 0, got "${text}"`, ExitCode.badInput);
  return n;
}

function clockNow(): number {
  const fake = process.env.OPTBOT_NOW;
  if (fake === undefined || fake === '') return Date.now();
  const t = /^\d+$/.test(fake) ? Number(fake) : Date.parse(fake);
  if (Number.isNaN(t)) throw new CliError(`OPTBOT_NOW: not an ISO time or epoch ms: "${fake}"`, ExitCode.badInput);
  return t;
}
