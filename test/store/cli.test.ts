import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { optbot } from '../support/cli.js';
import { hasSharedData, sharedFile } from '../support/shared-data.js';
import { tempDir } from '../support/tmp.js';

describe('optbot ingest / data', () => {
  const cwd = tempDir('optbot-cli-store-');

  it('data ls on an empty store says so; data sample stores once, then is a no-op', () => {
    expect(optbot(['data', 'ls'], { cwd }).stdout).toMatch(/holds no bars \(try: optbot data sample\)/);
    const first = optbot(['data', 'sample', '--sessions', '5', '--seed', '2'], { cwd });
    expect(first.code).toBe(0);
    // 2025-12-24 closes at 13:00: 4 × 390 + 210 bars.
    expect(first.stdout).toBe('stored 1,770 synthetic SPY 1m bars: 5 sessions 2025-12-24 → 2025-12-31, seed 2 (not market data)\n');
    const again = optbot(['data', 'sample'], { cwd });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already holds 1,770 synthetic SPY 1m bars: nothing to do/);
    const ls = optbot(['data', 'ls', '--json'], { cwd });
    expect(JSON.parse(ls.stdout)).toMatchObject([{ symbol: 'SPY', barSize: '1m', sessions: 5, completeSessions: 5, missingRthMinutes: 0, sources: ['synthetic'] }]);
  });

  it('a bad file exits 2 naming the file and the lines, and stores nothing', () => {
    const bad = join(cwd, 'bad.csv');
    writeFileSync(bad, 'ts,open,high,low,close,volume\n2024-03-26T09:30:00-04:00,1,2,0.5,1.5,10\n2024-03-26T09:31:00-04:00,1,0.9,0.5,1.5,10\n');
    const before = optbot(['data', 'ls', '--json'], { cwd }).stdout;
    const r = optbot(['ingest', bad, '--symbol', 'SPY'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.csv: 1 bad line, nothing stored\n\s+line 3: high 0\.9 is below/);
    expect(optbot(['data', 'ls', '--json'], { cwd }).stdout).toBe(before);
  });

  it('data sample leaves a store with real SPY minutes in its span alone', () => {
    const real = join(cwd, 'real.csv');
    writeFileSync(real, 'ts,open,high,low,close,volume\n2025-12-31T15:59:00-05:00,680,681,679,680.5,1000\n');
    const store = `data.store_path=${join(cwd, 'real.duckdb')}`;
    expect(optbot(['ingest', real, '--symbol', 'SPY', '--set', store], { cwd }).code).toBe(0);
    const r = optbot(['data', 'sample', '--set', store], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/holds 1 real SPY 1m bar in 2025-10-07 → 2025-12-31: not mixing synthetic bars into them/);
  });

  it('rejects a bad symbol or bar size with exit 2', () => {
    expect(optbot(['ingest', 'x.csv', '--symbol', 'spy'], { cwd }).code).toBe(2);
    expect(optbot(['ingest', 'x.csv', '--symbol', 'SPY', '--tz', 'Mars/Olympus'], { cwd }).stderr).toMatch(/--tz Mars\/Olympus: not an IANA time zone/);
  });

  it.skipIf(!hasSharedData)('ingests a real file into the store named by the settings, then lists it', () => {
    const store = join(cwd, 'elsewhere', 'bars.duckdb');
    const r = optbot(['ingest', sharedFile('spy_1min_2024-02-20_2024-05-17.csv'), '--symbol', 'SPY', '--set', `data.store_path=${store}`], { cwd });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/spy_1min_2024-02-20_2024-05-17\.csv: 24,570 bars: 24,570 new, 0 already stored, 0 differing kept as stored/);
    const ls = optbot(['data', 'ls', '--set', `data.store_path=${store}`], { cwd });
    expect(ls.stdout).toMatch(/SPY\s+1m\s+24,570\s+2024-02-20 09:30\s+2024-05-17 15:59\s+63\/63\s+63\s+0\s+spy_1min_2024-02-20_2024-05-17\.csv/);
  });
});
