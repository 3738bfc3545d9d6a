import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sessionOn } from '../../src/calendar/index.js';
import { openDatabase } from '../../src/duckdb/database.js';
import { listRuns } from '../../src/journal/journal-reader.js';
import { BarStore } from '../../src/venues/history/bar-store.js';
import { syntheticMinuteBars } from '../../src/venues/history/synthetic-sample.js';
import type { CliResult } from '../support/cli.js';
import { FakeGateway } from '../support/fake-gateway/fake-gateway.js';
import { tempDir } from '../support/tmp.js';

const MAIN = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));
const DATE = '2025-12-30';

/** The built CLI, run asynchronously so the in-process fake gateway keeps answering. */
function optbotAsync(args: readonly string[], cwd: string): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('optbot live (the built CLI)', () => {
  const dir = tempDir();

  it('prints the account, paper/live and the mode first, runs a dry-run session on a simulated clock, records bars and the journal', async () => {
    const gateway = await FakeGateway.start({ fixtures: { bars: { SPY: syntheticMinuteBars({ sessions: 2, endDate: DATE }) } } });
    try {
      const r = await optbotAsync(
        ['live', '--set', `broker.port=${gateway.port}`, '--set', 'backtest.instrument=stock', '--set', 'logging.file=""', '--clock-start', String(sessionOn(DATE)!.open), '--sessions', '1'],
        dir,
      );
      expect(r.stderr).not.toMatch(/error/i);
      expect(r.code).toBe(0);
      const lines = r.stdout.trim().split('\n');
      expect(lines[0]).toMatch(/^live dry-\S+: IB 127\.0\.0\.1:\d+ \(paper\) account DU1234567, client id 101; dry-run \(orders are logged, never sent\)$/);
      expect(r.stdout).toMatch(/live: 1 session\(s\), \d+ trade\(s\), closed; cpu [\d.]+ s, peak RSS [\d.]+ MB/);
      expect(gateway.orderMessages()).toEqual([]);
      const db = await openDatabase(join(dir, 'data/optbot.duckdb'));
      try {
        const runs = await listRuns(db);
        expect(runs.map((x) => x.mode)).toEqual(['live-dry-run']);
        const series = await (await BarStore.fromDatabase(db)).series();
        expect(series[0]).toMatchObject({ symbol: 'SPY', sources: ['ib-live'] });
      } finally {
        db.close();
      }
    } finally {
      await gateway.stop();
    }
  }, 30_000);

  it('exit 3 when nothing listens; exit 2 for dry_run false without --place-orders', async () => {
    const refused = await optbotAsync(['live', '--set', 'broker.port=1', '--set', 'broker.connect_timeout_seconds=2', '--set', 'logging.file=""'], dir);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/IB Gateway 127\.0\.0\.1:1/);
    const unsafe = await optbotAsync(['live', '--set', 'dry_run=false', '--set', 'logging.file=""'], dir);
    expect(unsafe.code).toBe(2);
    expect(unsafe.stderr).toMatch(/--place-orders/);
  }, 30_000);
});
