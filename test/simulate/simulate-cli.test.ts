import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { optbot } from '../support/cli.js';
import { tempDir } from '../support/tmp.js';

describe('optbot simulate (CLI, synthetic sample)', () => {
  const dir = tempDir();
  const stock = ['--set', 'backtest.instrument=stock', '--set', 'logging.file=""'];

  it('rehearses two days: a cycle line per cycle on the console, statistics, a report, the state saved', () => {
    expect(optbot(['data', 'sample', '--sessions', '5'], { cwd: dir }).code).toBe(0);
    const r = optbot(['simulate', '--date', '2025-12-26', '--to', '2025-12-29', ...stock], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/simulate sim-\S+ {2}SPY stock mode, 2 sessions, speed max/);
    expect(r.stderr).toMatch(/INFO {2}cycle SPY (HOLD|BUY|SELL) \d\.\d\d → .* symbol=SPY bars=\d+ signal=\w+ strategy=\w+ confidence=[\d.]+ decision=/);
    expect(r.stderr).toContain('INFO  heartbeat');
    const runId = /run id: (sim-\S+)/.exec(r.stdout)?.[1];
    expect(existsSync(join(dir, `reports/${runId}.html`))).toBe(true);
    expect(existsSync(join(dir, 'data/state/daily-state.json'))).toBe(true);
    const shown = optbot(['state', 'show'], { cwd: dir });
    expect(shown.stdout).toMatch(/^date 2025-12-29, saved after 2025-12-29T21:00:00.000Z by run sim-/);
  });

  it('--crash-at exits 1 and says how to resume; --resume finishes the day', () => {
    const args = ['simulate', '--date', '2025-12-30', '--state-dir', 'crash', '--no-report', ...stock];
    const crashed = optbot([...args, '--crash-at', '11:00'], { cwd: dir });
    expect(crashed.code).toBe(1);
    expect(crashed.stdout).toMatch(/crashed sim-\S+ at 11:00 as asked: the state saved after .* is in crash; rerun with --resume to finish the day/);
    const resumed = optbot([...args, '--resume'], { cwd: dir });
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain('session.start 2025-12-30 resumed after');
  });

  it('bad input exits 2 and changes nothing', () => {
    const speed = optbot(['simulate', '--date', '2025-12-30', '--speed', 'fast', ...stock], { cwd: dir });
    expect(speed.code).toBe(2);
    expect(speed.stderr).toContain('--speed fast: expected a positive number or max');
    const crash = optbot(['simulate', '--date', '2025-12-30', '--crash-at', '17:00', '--state-dir', 'bad', ...stock], { cwd: dir });
    expect(crash.code).toBe(2);
    expect(crash.stderr).toContain("--crash-at 17:00: expected HH:MM within 2025-12-30's session");
    expect(existsSync(join(dir, 'bad'))).toBe(false);
  });

  it('SIGINT at --speed 60 stops gracefully: exit 130, the stop logged, the state saved', async () => {
    const main = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));
    const child = spawn(process.execPath, [main, 'simulate', '--date', '2025-12-31', '--speed', '60', '--state-dir', 'sigint', '--no-report', ...stock], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stderr = '';
    await new Promise<void>((resolve) =>
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes('session.start')) resolve();
      }),
    );
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(130);
    expect(stderr).toMatch(/WARN {2}loop\.stop SIGINT: no new cycles; 0 working entry order\(s\) cancelled; journal and state flushed/);
    expect(optbot(['state', 'show', '--state-dir', 'sigint'], { cwd: dir }).stdout).toMatch(/^date 2025-12-31, saved after/);
  });
});
