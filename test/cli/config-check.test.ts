import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { optbot } from '../support/cli.js';
import { tempDir } from '../support/tmp.js';

describe('optbot config check', () => {
  const dir = tempDir();

  it('prints the effective settings and the trading target, exit 0', () => {
    const r = optbot(['config', 'check', '--set', 'risk.stop_loss_pct=0.15']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('stop_loss_pct: 0.15');
    expect(r.stdout).toContain('IB 127.0.0.1:4002 (paper), client id 101; dry-run');
  });

  it('lists every problem with file and line, exit 2', () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'risk:\n  stop_loss_pct: 3\nschedul: {}\n');
    const r = optbot(['config', 'check', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:2 risk.stop_loss_pct: must be between 0 and 1`);
    expect(r.stderr).toContain(`${bad}:3 schedul: unknown setting`);
    expect(r.stdout).toBe('');
  });

  it('refuses dry_run: false without --place-orders and accepts it with the flag', () => {
    const live = join(dir, 'live.yaml');
    writeFileSync(live, 'broker: {port: 4001}\ndry_run: false\n');
    expect(optbot(['config', 'check', live]).code).toBe(2);
    const ok = optbot(['config', 'check', live, '--place-orders']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('REAL ORDERS to a LIVE account');
  });

  it('usage errors exit 2, --help exits 0 and documents --set', () => {
    expect(optbot(['config', 'check', '--no-such-flag']).code).toBe(2);
    const help = optbot(['config', 'check', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--set <path=value>');
  });
});
