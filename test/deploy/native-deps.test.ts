import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkNativeDeps } from '../../src/deploy/native-deps.js';
import { tempDir } from '../support/tmp.js';

const PROJECT = fileURLToPath(new URL('../../', import.meta.url));
const CHECK = join(PROJECT, 'dist/src/deploy/check-native-deps.js');

describe('arm64 check of the runtime dependencies', () => {
  it('passes on our lockfile: DuckDB is the one native runtime dependency and ships linux-arm64', () => {
    const report = checkNativeDeps(PROJECT);
    expect(report.native.map((d) => [d.name, d.via, d.targetBuild, d.problem])).toEqual([
      ['@duckdb/node-bindings', '@duckdb/node-bindings', '@duckdb/node-bindings-linux-arm64', null],
    ]);
    expect(report.native[0]!.platforms).toContain('linux-arm64-glibc');
    // Dev tools with native code (vitest's rolldown, lightningcss) are not runtime dependencies.
    expect(report.runtimePackages).toBeGreaterThan(50);
  });
});

/** A synthetic project: package.json, package-lock.json and some files under node_modules. */
function project(deps: Record<string, string>, packages: Record<string, object>, files: Record<string, string> = {}): string {
  const dir = join(root, `p${n++}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', dependencies: deps, devDependencies: { devnative: '1.0.0' } }));
  const lock = { name: 'x', lockfileVersion: 3, packages: { '': { dependencies: deps, devDependencies: { devnative: '1.0.0' } }, ...packages } };
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(lock));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
const root = tempDir();
let n = 0;

const v = (extra: object = {}) => ({ version: '1.0.0', ...extra });
const platformPkg = (os: string, cpu: string, libc?: string) => v({ optional: true, os: [os], cpu: [cpu], ...(libc ? { libc: [libc] } : {}) });
const FASTDB_BUILDS = {
  'node_modules/fastdb-bindings-linux-x64': platformPkg('linux', 'x64', 'glibc'),
  'node_modules/fastdb-bindings-darwin-arm64': platformPkg('darwin', 'arm64'),
  'node_modules/fastdb-bindings-linux-arm64-musl': platformPkg('linux', 'arm64', 'musl'),
};
const fastdb = (builds: Record<string, object>) => ({
  'node_modules/fastdb': v({ dependencies: { 'fastdb-bindings': '1.0.0' } }),
  'node_modules/fastdb-bindings': v({ optionalDependencies: Object.fromEntries(Object.keys(builds).map((k) => [k.slice('node_modules/'.length), '1.0.0'])) }),
  ...builds,
});

describe('arm64 check on synthetic projects', () => {
  it('fails a runtime dependency whose platform packages have no linux-arm64 glibc build, then passes once one is added', () => {
    const bad = checkNativeDeps(project({ fastdb: '^1' }, fastdb(FASTDB_BUILDS)));
    expect(bad.native).toEqual([
      {
        name: 'fastdb-bindings',
        version: '1.0.0',
        via: 'fastdb',
        evidence: ['platform packages'],
        platforms: ['linux-x64-glibc', 'darwin-arm64', 'linux-arm64-musl'],
        targetBuild: null,
        problem: 'no linux-arm64-glibc build among its platform packages',
      },
    ]);
    const fixed = { ...FASTDB_BUILDS, 'node_modules/fastdb-bindings-linux-arm64': platformPkg('linux', 'arm64', 'glibc') };
    expect(checkNativeDeps(project({ fastdb: '^1' }, fastdb(fixed))).native[0]).toMatchObject({ targetBuild: 'fastdb-bindings-linux-arm64', problem: null });
  });

  it('fails node-gyp builds, binaries for other platforms and platform-only packages; ignores dev dependencies and pure JS', () => {
    const dir = project(
      { gypped: '^1', purejs: '^1', winonly: '^1' },
      {
        'node_modules/gypped': v({ hasInstallScript: true }),
        'node_modules/purejs': v({ dependencies: { shipsbin: '1.0.0', leftpad: '1.0.0' } }),
        'node_modules/purejs/node_modules/shipsbin': v(),
        'node_modules/leftpad': v(),
        'node_modules/winonly': v({ os: ['win32'] }),
        'node_modules/devnative': v({ dev: true, hasInstallScript: true }),
      },
      {
        'node_modules/gypped/binding.gyp': '{}',
        'node_modules/purejs/node_modules/shipsbin/prebuilds/linux-x64/shipsbin.node': 'ELF',
        'node_modules/purejs/node_modules/shipsbin/prebuilds/darwin-arm64/shipsbin.node': 'Mach-O',
        'node_modules/devnative/binding.gyp': '{}',
      },
    );
    const report = checkNativeDeps(dir);
    expect(report.runtimePackages).toBe(5);
    expect(report.native.map((d) => [d.name, d.via, d.evidence, d.problem])).toEqual([
      ['gypped', 'gypped', ['binding.gyp', 'install script'], 'compiles from source with node-gyp on install (needs a C++ toolchain on the Pi); no prebuilt linux-arm64-glibc binary'],
      ['shipsbin', 'purejs', ['.node files'], 'ships .node binaries for darwin-arm64, linux-x64, none for linux-arm64-glibc'],
      ['winonly', 'winonly', ['os/cpu fields'], 'only installs on win32-any'],
    ]);
  });

  it('a package shipping a linux-arm64 prebuild passes', () => {
    const dir = project({ shipsbin: '^1' }, { 'node_modules/shipsbin': v() }, {
      'node_modules/shipsbin/prebuilds/linux-arm64/shipsbin.glibc.node': 'ELF',
      'node_modules/shipsbin/prebuilds/linux-x64/shipsbin.glibc.node': 'ELF',
    });
    expect(checkNativeDeps(dir).native).toMatchObject([{ name: 'shipsbin', problem: null, platforms: ['linux-arm64', 'linux-x64'] }]);
  });

  it('the command exits 1 and names the culprit', () => {
    const r = spawnSync(process.execPath, [CHECK, project({ fastdb: '^1' }, fastdb(FASTDB_BUILDS))], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('fastdb-bindings@1.0.0 via fastdb [platform packages]: linux-x64-glibc darwin-arm64 linux-arm64-musl → FAIL');
    expect(r.stderr).toContain('1 runtime dependency has no linux-arm64-glibc build');
    expect(spawnSync(process.execPath, [CHECK, PROJECT], { encoding: 'utf8' }).status).toBe(0);
  });

  it('a missing lockfile is a clear error', () => {
    const dir = join(root, 'empty');
    mkdirSync(dir);
    writeFileSync(join(dir, 'package.json'), '{}');
    expect(() => checkNativeDeps(dir)).toThrow(`${join(dir, 'package-lock.json')}: not found`);
  });
});
