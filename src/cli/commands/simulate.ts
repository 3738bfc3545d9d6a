import type { Command } from 'commander';
import pc from 'picocolors';
import { loadSettings } from '../../config/load-settings.js';
import { openDatabase } from '../../duckdb/database.js';
import { defaultReportPath, writeRunReport } from '../../report/write-run-report.js';
import { parseSpeed } from '../../runtime/clock.js';
import { DEFAULT_STATE_DIR } from '../../runtime/heartbeat.js';
import { rehearse } from '../../runtime/rehearsal.js';
import { statisticsRows } from '../../stats/format-statistics.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { newRunId } from '../run-id.js';
import { runCommand } from '../run-command.js';
import { withSettingsOptions, type SettingsFlags } from '../settings-options.js';
import { VERSION } from '../version.js';

interface SimulateFlags extends SettingsFlags {
  date: string;
  to?: string;
  speed: string;
  stateDir: string;
  crashAt?: string;
  resume?: boolean;
  report: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

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
      for (const [name, value] of [['--date', flags.date], ['--to', flags.to]] as const) {
        if (value !== undefined && !DATE.test(value)) throw new CliError(`${name} ${value}: expected a date YYYY-MM-DD`, ExitCode.badInput);
      }
      const speed = parseSpeed(flags.speed);
      if (speed === null) throw new CliError(`--speed ${flags.speed}: expected a positive number or max`, ExitCode.badInput);
      const { settings } = loadSettings({ file: flags.config, set: flags.set });
      const runId = newRunId('sim');
      const db = await openDatabase(settings.data.store_path);
      try {
        const result = await rehearse({
          db,
          settings,
          from: flags.date,
          to: flags.to,
          speed,
          stateDir: flags.stateDir,
          runId,
          codeVersion: VERSION,
          now: Date.now,
          crashAt: flags.crashAt,
          resume: flags.resume,
          consoleLog: true,
          onLoop: (loop) => loop.handleSignals(),
        });
        const out = process.stdout;
        if (result.end === 'crashed') {
          const at = result.savedAsOf === null ? 'no state was saved' : `the state saved after ${new Date(result.savedAsOf).toISOString()} is in ${flags.stateDir}`;
          out.write(`${pc.red('crashed')} ${runId} at ${flags.crashAt} as asked: ${at}; rerun with --resume to finish the day\n`);
          return ExitCode.failure;
        }
        const s = result.statistics;
        out.write(`${pc.bold('simulate')} ${runId}  ${result.run.symbols.join(',')} ${settings.backtest.instrument} mode, ${result.sessions} sessions, speed ${speed}\n`);
        const width = Math.max(...statisticsRows(s).map(([label]) => label.length));
        for (const [label, value] of statisticsRows(s)) out.write(`  ${label.padEnd(width)}  ${value}\n`);
        if (flags.report) {
          const path = defaultReportPath(runId);
          const bytes = await writeRunReport(db, runId, path);
          out.write(`report: ${path} (${(bytes / 1e6).toFixed(1)} MB)\n`);
        }
        out.write(`run id: ${runId}\n`);
        return result.end === 'stopped' ? ExitCode.interrupted : ExitCode.ok;
      } finally {
        db.close();
      }
    }),
  );
}
