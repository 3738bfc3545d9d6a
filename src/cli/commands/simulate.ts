import type { Command } from 'commander';
import { parseSpeed } from '../../runtime/clock.js';
import { checkDates } from '../check-dates.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { runCommand } from '../run-command.js';
import { withSettingsOptions, type SettingsFlags } from '../settings-options.js';
import { DEFAULT_STATE_DIR } from '../state-dir.js';

export interface SimulateFlags extends SettingsFlags {
  date: string;
  to?: string;
  speed: string;
  stateDir: string;
  crashAt?: string;
  resume?: boolean;
  report: boolean;
}

export function registerSimulateCommand(program: Command): void {
  withSettingsOptions(
    program
      .command('simulate')
      .description('rehearse whole sessions offline on the live run loop: simulated clock, stored bars, simulated broker, persisted daily state')
      .requiredOption('--date <date>', 'first trading date to rehearse (YYYY-MM-DD)')
      .option('--to <date>', 'last trading date (default: --date); the daily state carries across days through the state store')
      .option('--speed <n|max>', 'simulated seconds per wall second (60: a minute takes a second), or max', 'max')
      .option('--state-dir <dir>', 'where the daily state is kept', DEFAULT_STATE_DIR)
      .option('--crash-at <HH:MM>', 'rehearse a crash right after this minute of the first session (no graceful stop)')
      .option('--resume', 'continue the first session from the state a crashed run left in --state-dir')
      .option('--no-report', 'do not write the HTML report'),
  ).action((flags: SimulateFlags) =>
    runCommand(async () => {
      checkDates(['--date', flags.date], ['--to', flags.to]);
      const speed = parseSpeed(flags.speed);
      if (speed === null) throw new CliError(`--speed ${flags.speed}: expected a positive number or max`, ExitCode.badInput);
      return (await import('../actions/simulate.js')).simulate(flags, speed);
    }),
  );
}
