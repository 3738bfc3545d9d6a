import pc from 'picocolors';
import { loadSettings } from '../../config/load-settings.js';
import { openDatabase } from '../../duckdb/database.js';
import { defaultReportPath, writeRunReport } from '../../report/write-run-report.js';
import type { Speed } from '../../runtime/clock.js';
import { rehearse } from '../../runtime/rehearsal.js';
import { statisticsRows } from '../../stats/format-statistics.js';
import type { SimulateFlags } from '../commands/simulate.js';
import { ExitCode } from '../exit-codes.js';
import { newRunId } from '../run-id.js';
import { VERSION } from '../version.js';

/** `optbot simulate`: rehearses sessions on the live run loop, prints the statistics, writes the report. */
export async function simulate(flags: SimulateFlags, speed: Speed): Promise<ExitCode> {
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
}
