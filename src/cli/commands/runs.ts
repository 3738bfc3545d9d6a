import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { tradingDateOf } from '../../calendar/index.js';
import { loadSettings } from '../../config/load-settings.js';
import { openDatabase } from '../../duckdb/database.js';
import { listRuns, type RunSummary } from '../../journal/journal-reader.js';
import { runCommand } from '../run-command.js';
import { withSettingsOptions, type SettingsFlags } from '../settings-options.js';

const HEADER = ['run', 'mode', 'symbols', 'range', 'trades', 'P&L', 'started (UTC)'];

const money = (x: number): string => `${x < 0 ? '-' : ''}$${Math.abs(x).toFixed(2)}`;

function row(r: RunSummary): string[] {
  return [
    r.runId,
    r.mode,
    r.symbols.join(','),
    `${tradingDateOf(r.dataFrom)} → ${tradingDateOf(r.dataTo)}`,
    String(r.trades),
    money(r.pnl),
    new Date(r.startedAt).toISOString().slice(0, 16).replace('T', ' '),
  ];
}

/** Left-aligned text columns, numbers right-aligned, two spaces apart. */
function table(rows: string[][]): string {
  const numeric = new Set([4, 5]);
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd()).join('\n') + '\n';
}

export function registerRunsCommand(program: Command): void {
  withSettingsOptions(
    program
      .command('runs')
      .description('list the runs recorded in the journal (backtests, simulations, live sessions), oldest first')
      .option('--json', 'print the runs as a JSON array (times in epoch ms UTC)', false),
  ).action((flags: SettingsFlags & { json: boolean }) =>
    runCommand(async () => {
      const { settings } = loadSettings({ file: flags.config, set: flags.set });
      const path = settings.data.store_path;
      // Listing never creates a store.
      const runs = existsSync(path) ? await listStored(path) : [];
      if (flags.json) {
        process.stdout.write(JSON.stringify(runs, null, 2) + '\n');
      } else if (runs.length === 0) {
        process.stdout.write(`no runs in ${path}\n`);
      } else {
        process.stdout.write(table([HEADER, ...runs.map(row)]));
      }
    }),
  );
}

async function listStored(path: string): Promise<RunSummary[]> {
  const db = await openDatabase(path);
  try {
    return await listRuns(db);
  } finally {
    db.close();
  }
}
