import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { optbot } from '../support/cli.js';
import { tempDir } from '../support/tmp.js';

const STOCK = ['--set', 'backtest.instrument=stock', '--set', 'logging.file=""'];

describe('optbot sweep (CLI)', () => {
  const dir = tempDir();

  it('refuses an invalid grid before opening the store (exit 2, nothing created)', () => {
    writeFileSync(join(dir, 'bad.yaml'), 'risk.stop_loss_pct: [0.1, 2]\nstrategy.scalp.rsi_buy_max: {from: 60, to: 70}\n');
    const r = optbot(['sweep', '--grid', 'bad.yaml', ...STOCK], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.yaml:2 strategy.scalp.rsi_buy_max: a range is {from, to, step}');
    writeFileSync(join(dir, 'bad2.yaml'), 'risk.stop_loss_pct: [0.1, 2]\n');
    const r2 = optbot(['sweep', '--grid', 'bad2.yaml', ...STOCK], { cwd: dir });
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('bad2.yaml:1 risk.stop_loss_pct: must be between 0 and 1 (exclusive of 0), e.g. in variant 1 (risk.stop_loss_pct=2)');
    expect(optbot(['sweep', '--grid', 'missing.yaml', ...STOCK], { cwd: dir }).stderr).toContain('missing.yaml: cannot read the grid: ENOENT');
    expect(optbot(['sweep', '--grid', 'bad2.yaml', '--objective', 'luck'], { cwd: dir }).stderr).toContain('--objective luck: expected one of sharpe');
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  it('runs a grid, prints the best variants and writes the report; a variant’s run report on demand', () => {
    expect(optbot(['data', 'sample', '--sessions', '12'], { cwd: dir }).code).toBe(0);
    writeFileSync(join(dir, 'grid.yaml'), 'risk.stop_loss_pct: {from: 0.05, to: 0.15, step: 0.05}\nstrategy.scalp.rsi_buy_max: [65, 75]\n');
    const r = optbot(['sweep', '--grid', 'grid.yaml', '--workers', '2', '--top', '3', '--objective', 'pnl', ...STOCK], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('6 variants, 6 backtests  [SYNTHETIC DATA]');
    const table = r.stdout.split('\n').filter((l) => /^\d\s/.test(l));
    expect(table).toHaveLength(3);
    expect(r.stdout).toMatch(/#\s+variant\s+stop_loss_pct\s+rsi_buy_max\s+pnl/);
    const sweepId = /sweep id: (sweep-\S+)/.exec(r.stdout)![1]!;
    const html = readFileSync(join(dir, `reports/${sweepId}.html`), 'utf8');
    expect(html).toContain('SYNTHETIC DATA');
    expect(html).toContain(`optbot sweep report ${sweepId} --variant`);
    expect(html).toContain('id="heatmap"');
    expect(html).toContain('id="sensitivity"');

    const best = Number(/^1\s+(\d+)/m.exec(r.stdout)![1]);
    const v = optbot(['sweep', 'report', sweepId, '--variant', String(best), ...STOCK], { cwd: dir });
    expect(v.stderr).toBe('');
    expect(v.code).toBe(0);
    expect(existsSync(join(dir, `reports/${sweepId}-v${best}.html`))).toBe(true);
    expect(optbot(['sweep', 'report', 'sweep-nope', ...STOCK], { cwd: dir }).code).toBe(2);
  });

  it('walks forward and prints the windows and the out-of-sample/in-sample gap', () => {
    const r = optbot(['sweep', '--grid', 'grid.yaml', '--walk-forward', 'train=6,test=3', '--min-trades', '0', '--no-report', ...STOCK], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/window\s+train\s+test\s+stop_loss_pct\s+rsi_buy_max\s+IS sharpe\s+OOS sharpe/);
    expect(r.stdout.split('\n').filter((l) => /^\s*\d\s+20\d\d-/.test(l))).toHaveLength(2);
    expect(r.stdout).toMatch(/out-of-sample \(stitched\): return .*OOS\/IS ratio/);
  });
});
