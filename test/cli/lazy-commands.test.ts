import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { optbot } from '../support/cli.js';
import { tempDir } from '../support/tmp.js';

// Each command loads its implementation with import() when it runs, so starting the CLI (and the
// light commands the Pi's monitoring calls) never loads DuckDB, the IB client or the report code.
// The built CLI runs with a resolve hook that lists every ES module the process loads.
const HOOK = fileURLToPath(new URL('../../dist/test/support/import-trace.js', import.meta.url));

/** Heavy at any start: native DuckDB, the IB client, report/notebook code, the browser driver. */
const HEAVY = ['@duckdb/node-api', '@stoqey/ib', 'vega', 'vega-lite', 'vega-embed', 'playwright-core'];
const HEAVY_OURS = ['duckdb', 'report', 'notebook', 'venues/ib', 'sweep/run-sweep.js', 'runtime/live-run.js'];
/** Needed to read settings, state files or the calendar, but not to print the version or the help. */
const NOT_FOR_HELP = ['zod', 'yaml', 'luxon'];

describe('the CLI loads a command’s implementation only when it runs', () => {
  const dir = tempDir();
  let traces = 0;

  function loadedBy(args: readonly string[]): { code: number; packages: Set<string>; ours: string[] } {
    const trace = join(dir, `trace-${traces++}.txt`);
    writeFileSync(trace, '');
    const r = optbot(args, { cwd: dir, env: { OPTBOT_IMPORT_TRACE: trace }, node: ['--import', HOOK] });
    const urls = readFileSync(trace, 'utf8').split('\n').filter(Boolean);
    const packages = new Set(urls.flatMap((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1] ?? []));
    const ours = urls.flatMap((u) => /\/dist\/src\/(.+)$/.exec(u)?.[1] ?? []);
    return { code: r.code, packages, ours };
  }

  const heavyIn = (l: { packages: Set<string>; ours: string[] }, extra: readonly string[] = []) => [
    ...[...HEAVY, ...extra].filter((p) => l.packages.has(p)),
    ...l.ours.filter((m) => HEAVY_OURS.some((h) => m.startsWith(h))),
  ];

  it('--version and --help load only the command definitions', () => {
    for (const args of [['--version'], ['--help'], ['backtest', '--help']]) {
      const loaded = loadedBy(args);
      expect(loaded.code, args.join(' ')).toBe(0);
      expect(loaded.packages.has('commander'), 'the trace sees packages').toBe(true);
      expect(heavyIn(loaded, NOT_FOR_HELP), args.join(' ')).toEqual([]);
    }
  });

  it('config check and status load settings or state code, nothing heavy', () => {
    const check = loadedBy(['config', 'check']);
    expect(check.code).toBe(0);
    expect(check.packages.has('zod')).toBe(true);
    expect(heavyIn(check)).toEqual([]);
    const status = loadedBy(['status', '--state-dir', join(dir, 'no-state')]);
    expect(status.code).toBe(5);
    expect(heavyIn(status)).toEqual([]);
  });

  it('a command that needs DuckDB or the IB client loads it (the trace would see a static import)', () => {
    const data = loadedBy(['data', 'ls', '--set', `data.store_path=${join(dir, 'store.duckdb')}`]);
    expect(data.code).toBe(0);
    expect(heavyIn(data)).toContain('@duckdb/node-api');
    const gateway = loadedBy(['gateway', 'check', '--port', '1', '--timeout', '1']);
    expect(gateway.code).toBe(3);
    expect(heavyIn(gateway)).toContain('@stoqey/ib');
  });
});
