import type { Command } from 'commander';
import { runCommand } from '../run-command.js';
import { withSettingsOptions, type SettingsFlags } from '../settings-options.js';

export interface ReportFlags extends SettingsFlags {
  out?: string;
  open: boolean;
  compare?: string;
}

export function registerReportCommand(program: Command): void {
  withSettingsOptions(
    program
      .command('report')
      .argument('<run-id>', 'the run to report (see `optbot runs`)')
      .description('write the self-contained HTML report of a journalled run, or compare two runs of the same days')
      .option('-o, --out <file>', 'output file (default: reports/<run-id>.html, or reports/<run-id>-vs-<other>.html)')
      .option('--compare <other-run-id>', 'side by side with another run: statistics, matched trades, first divergence')
      .option('--open', 'open the report in the default browser', false),
  ).action((runId: string, flags: ReportFlags) => runCommand(async () => (await import('../actions/report.js')).report(runId, flags)));
}
