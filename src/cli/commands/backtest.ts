import type { Command } from 'commander';
import { checkDates } from '../check-dates.js';
import { runCommand } from '../run-command.js';
import { withSettingsOptions, type SettingsFlags } from '../settings-options.js';

export interface BacktestFlags extends SettingsFlags {
  from?: string;
  to?: string;
  symbol?: string;
  report: boolean;
}

export function registerBacktestCommand(program: Command): void {
  withSettingsOptions(
    program
      .command('backtest')
      .description('run the strategy over stored 1-minute bars with the simulated broker; writes the journal and an HTML report')
      .option('--from <date>', 'first trading date (YYYY-MM-DD); default: the first stored bar')
      .option('--to <date>', 'last trading date (YYYY-MM-DD); default: the last stored bar')
      .option('--symbol <symbol>', 'symbol to trade (default: the first of `symbols`)')
      .option('--no-report', 'do not write the HTML report'),
  ).action((flags: BacktestFlags) =>
    runCommand(async () => {
      checkDates(['--from', flags.from], ['--to', flags.to]);
      return (await import('../actions/backtest.js')).backtest(flags);
    }),
  );
}
