import type { Command } from 'commander';
import pc from 'picocolors';
import { backtestStored } from '../../backtest/backtest-run.js';
import { loadSettings } from '../../config/load-settings.js';
import { openDatabase } from '../../duckdb/database.js';
import { defaultReportPath, writeRunReport } from '../../report/write-run-report.js';
import { statisticsRows } from '../../stats/format-statistics.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { progress, type Progress } from '../progress.js';
import { newRunId } from '../run-id.js';
import { runCommand } from '../run-command.js';
import { withSettingsOptions, type SettingsFlags } from '../settings-options.js';
import { VERSION } from '../version.js';

interface BacktestFlags extends SettingsFlags {
  from?: string;
  to?: string;
  symbol?: string;
  report: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

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
      for (const [name, value] of [['--from', flags.from], ['--to', flags.to]] as const) {
        if (value !== undefined && !DATE.test(value)) throw new CliError(`${name} ${value}: expected a date YYYY-MM-DD`, ExitCode.badInput);
      }
      const { settings } = loadSettings({ file: flags.config, set: flags.set });
      const symbol = flags.symbol ?? settings.symbols[0]!;
      const runId = newRunId('bt');
      const db = await openDatabase(settings.data.store_path);
      try {
        const bar = { current: null as Progress | null };
        const result = await backtestStored({
          db,
          settings,
          symbol,
          from: flags.from,
          to: flags.to,
          runId,
          codeVersion: VERSION,
          now: Date.now,
          onProgress: (done, total) => (bar.current ??= progress('backtest', total, 'bars')).update(done),
        });
        bar.current?.stop();
        const { statistics: s, run, timings } = result;
        const synthetic = run.dataSources.includes('synthetic');
        const out = process.stdout;
        out.write(`${pc.bold('backtest')} ${runId}  ${symbol} ${settings.backtest.instrument} mode, ${result.bars.toLocaleString('en-US')} bars, ${s.sessions} sessions`);
        out.write(synthetic ? pc.yellow('  [SYNTHETIC DATA]\n') : '\n');
        const width = Math.max(...statisticsRows(s).map(([label]) => label.length));
        for (const [label, value] of statisticsRows(s)) out.write(`  ${label.padEnd(width)}  ${value}\n`);
        out.write(pc.dim(`  load ${timings.load.toFixed(0)} ms, run ${timings.run.toFixed(0)} ms, journal ${timings.write.toFixed(0)} ms\n`));
        if (flags.report) {
          const path = defaultReportPath(runId);
          const bytes = await writeRunReport(db, runId, path);
          out.write(`report: ${path} (${(bytes / 1e6).toFixed(1)} MB)\n`);
        }
        out.write(`run id: ${runId}\n`);
      } finally {
        db.close();
      }
    }),
  );
}
