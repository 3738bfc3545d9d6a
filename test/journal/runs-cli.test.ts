import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/duckdb/database.js';
import { JournalBuffer } from '../../src/journal/journal-buffer.js';
import { writeRun } from '../../src/journal/journal-writer.js';
import { optbot } from '../support/cli.js';
import { tempDir } from '../support/tmp.js';
import { sampleBuffer, sampleRun } from './sample-journal.js';

const dir = tempDir('optbot-runs-');
const store = join(dir, 'store.duckdb');

beforeAll(async () => {
  const db = await openDatabase(store);
  await writeRun(db, sampleRun('bt-1', Date.UTC(2026, 0, 2, 9, 15)), sampleBuffer(2), Date.UTC(2026, 0, 2, 9, 16));
  await writeRun(db, { ...sampleRun('sim-2', Date.UTC(2026, 0, 3, 10, 0)), mode: 'simulation' }, new JournalBuffer(), Date.UTC(2026, 0, 3, 10, 1));
  db.close();
});

describe('optbot runs', () => {
  it('lists the runs as a table, oldest first', () => {
    const r = optbot(['runs', '--set', `data.store_path=${store}`]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^run\s+mode\s+symbols\s+range\s+trades\s+P&L\s+started \(UTC\)$/);
    expect(lines[1]).toMatch(/^bt-1\s+backtest\s+SPY\s+2024-03-26 → 2024-04-05\s+8\s+\$[\d.]+\s+2026-01-02 09:15$/);
    expect(lines[2]).toMatch(/^sim-2\s+simulation\s+SPY\s+.*\s+0\s+\$0\.00\s+2026-01-03 10:00$/);
  });

  it('prints JSON for scripts', () => {
    const r = optbot(['runs', '--json', '--set', `data.store_path=${store}`]);
    expect(r.code).toBe(0);
    const runs = JSON.parse(r.stdout) as { runId: string; trades: number; endedAt: number }[];
    expect(runs.map((x) => [x.runId, x.trades, x.endedAt])).toEqual([
      ['bt-1', 8, Date.UTC(2026, 0, 2, 9, 16)],
      ['sim-2', 0, Date.UTC(2026, 0, 3, 10, 1)],
    ]);
  });

  it('says so when there is no store, without creating one', () => {
    const missing = join(dir, 'none', 'store.duckdb');
    const r = optbot(['runs', '--set', `data.store_path=${missing}`]);
    expect([r.code, r.stdout]).toEqual([0, `no runs in ${missing}\n`]);
    expect(optbot(['runs', '--json', '--set', `data.store_path=${missing}`]).stdout).toBe('[]\n');
  });
});
