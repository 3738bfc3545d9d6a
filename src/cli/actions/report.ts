import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadSettings } from '../../config/load-settings.js';
import { openDatabase } from '../../duckdb/database.js';
import { listRuns } from '../../journal/journal-reader.js';
import { defaultReportPath, writeRunReport } from '../../report/write-run-report.js';
import type { ReportFlags } from '../commands/report.js';
import { CliError, ExitCode } from '../exit-codes.js';

/** `optbot report`: writes the HTML report of a journalled run (or of two, compared). */
export async function report(runId: string, flags: ReportFlags): Promise<void> {
  const { settings } = loadSettings({ file: flags.config, set: flags.set });
  const path = settings.data.store_path;
  if (!existsSync(path)) throw new CliError(`no store at ${path}: nothing has been run yet`, ExitCode.badInput);
  const db = await openDatabase(path);
  try {
    const known = new Set((await listRuns(db)).map((r) => r.runId));
    for (const id of [runId, flags.compare]) {
      if (id !== undefined && !known.has(id)) throw new CliError(`no run ${id} in ${path} (see \`optbot runs\`)`, ExitCode.badInput);
    }
    const out = flags.out ?? (flags.compare ? `reports/${runId}-vs-${flags.compare}.html` : defaultReportPath(runId));
    const bytes = await writeRunReport(db, runId, out, flags.compare);
    process.stdout.write(`report: ${out} (${(bytes / 1e6).toFixed(1)} MB)\n`);
    if (flags.open) openInBrowser(out);
  } finally {
    db.close();
  }
}

/** Best effort: the desktop's opener; the path is printed either way. */
function openInBrowser(file: string): void {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(opener, [file], { detached: true, stdio: 'ignore' });
  child.on('error', () => process.stderr.write(`could not start ${opener}: open ${file} yourself\n`));
  child.unref();
}
