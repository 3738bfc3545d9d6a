import pc from 'picocolors';
import { backtestStored } from '../../backtest/backtest-run.js';
import { loadSettings } from '../../config/load-settings.js';
import { openDatabase } from '../../duckdb/database.js';
import { defaultReportPath, writeRunReport } from '../../report/write-run-report.js';
import { statisticsRows } from '../../stats/format-statistics.js';
import type { BacktestFlags } from '../commands/backtest.js';
import { progress, type Progress } from '../progress.js';
import { newRunId } from '../run-id.js';
import { VERSION } from '../version.js';

/** `optbot backtest`: runs the stored bars through the simulated broker, prints the statistics, writes the report. */
export async function backtest(flags: BacktestFlags): Promise<void> {
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
}
