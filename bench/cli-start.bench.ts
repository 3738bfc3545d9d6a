import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emit } from './lib/emit.js';

// Start-up cost of the CLI: wall time and peak RSS of short commands, each its own process (the
// median of several runs). Commands load their implementation only when they run, so these stay
// free of DuckDB, the IB client and the report code; `status` is what monitoring on the Pi calls.
const main = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const usageHook = fileURLToPath(new URL('./lib/exit-usage.js', import.meta.url));
const RUNS = 7;
const dir = mkdtempSync(join(tmpdir(), 'optbot-cli-start-'));
const usageFile = join(dir, 'usage.json');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function start(args: readonly string[]): { ms: number; rssMb: number } {
  const ms: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    rmSync(usageFile, { force: true });
    const r = spawnSync(process.execPath, ['--import', usageHook, main, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', OPTBOT_USAGE_FILE: usageFile } });
    ms.push(performance.now() - t0);
    if (r.error || r.signal) throw new Error(`optbot ${args.join(' ')} did not finish: ${r.error?.message ?? r.signal}\n${r.stderr}`);
    rss.push((JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRssKb: number }).maxRssKb / 1024);
  }
  return { ms: median(ms), rssMb: median(rss) };
}

try {
  for (const [name, label, args] of [
    ['version', '--version', ['--version']],
    ['config_check', 'config check', ['config', 'check']],
    ['status', 'status (no state)', ['status', '--state-dir', join(dir, 'state')]],
  ] as const) {
    const r = start(args);
    emit({ name: `cli_start.${name}.ms`, value: r.ms, unit: 'ms' }, `optbot ${label}: ${r.ms.toFixed(0)} ms wall (median of ${RUNS} processes)`);
    emit({ name: `cli_start.${name}.peak_rss`, value: r.rssMb, unit: 'MB' }, `optbot ${label}: peak RSS ${r.rssMb.toFixed(1)} MB`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
