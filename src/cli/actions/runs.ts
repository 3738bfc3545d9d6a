import { existsSync } from 'node:fs';
import { tradingDateOf } from '../../calendar/index.js';
import { loadSettings } from '../../config/load-settings.js';
import { openDatabase } from '../../duckdb/database.js';
import { listRuns, type RunSummary } from '../../journal/journal-reader.js';
import type { RunsFlags } from '../commands/runs.js';

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

/** `optbot runs`: the journalled runs as a table or JSON; never creates a store. */
export async function printRuns(flags: RunsFlags): Promise<void> {
  const { settings } = loadSettings({ file: flags.config, set: flags.set });
  const path = settings.data.store_path;
  // Listing never creates a store.
  const stored = existsSync(path) ? await listStored(path) : [];
  if (flags.json) {
    process.stdout.write(JSON.stringify(stored, null, 2) + '\n');
  } else if (stored.length === 0) {
    process.stdout.write(`no runs in ${path}\n`);
  } else {
    process.stdout.write(table([HEADER, ...stored.map(row)]));
  }
}

async function listStored(path: string): Promise<RunSummary[]> {
  const db = await openDatabase(path);
  try {
    return await listRuns(db);
  } finally {
    db.close();
  }
}
