import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `optbot` CLI (npm test builds it first) as a user would; `node` flags go before the script. */
export function optbot(args: readonly string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; node?: readonly string[] } = {}): CliResult {
  const r = spawnSync(process.execPath, [...(opts.node ?? []), MAIN, ...args], {
    cwd: opts.cwd,
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
