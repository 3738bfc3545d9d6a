import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp.js';

const PROJECT = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');
const SCRIPT = join(PROJECT, 'deploy/pi/install.sh');

const dir = tempDir('optbot-install-');
// Stand-ins for every command that changes the system: each records its call instead.
const fakeBin = join(dir, 'bin');
const calls = join(dir, 'calls.log');
mkdirSync(fakeBin);
for (const cmd of ['systemctl', 'useradd', 'runuser', 'npm', 'install', 'chown']) {
  writeFileSync(join(fakeBin, cmd), `#!/bin/sh\necho "${cmd} $*" >> "${calls}"\n`);
  chmodSync(join(fakeBin, cmd), 0o755);
}
// For the real path: the same recorders, except that runuser and install do their job.
const realBin = join(dir, 'real-bin');
mkdirSync(realBin);
for (const cmd of ['systemctl', 'useradd', 'npm']) copyFileSync(join(fakeBin, cmd), join(realBin, cmd));
writeFileSync(join(realBin, 'runuser'), `#!/bin/sh\necho "runuser $*" >> "${calls}"\nshift 3\nexec "$@"\n`);
chmodSync(join(realBin, 'runuser'), 0o755);
const hasSystemdAnalyze = spawnSync('systemd-analyze', ['--version']).status === 0;
const unitPath = join(dir, 'etc', 'optbot.service');
const envFile = join(dir, 'etc', 'optbot.env');

function install(args: string[], env: NodeJS.ProcessEnv = {}, script = SCRIPT, bin = fakeBin) {
  const r = spawnSync('bash', [script, ...args], {
    encoding: 'utf8',
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, OPTBOT_UNIT_PATH: unitPath, OPTBOT_ENV_FILE: envFile, NO_COLOR: '1', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function touchedNothing(): void {
  expect(existsSync(calls) ? readFileSync(calls, 'utf8') : '').toBe('');
  expect(existsSync(join(dir, 'etc'))).toBe(false);
}

function yamlFile(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('deploy/pi/install.sh --dry-run', () => {
  it('validates the config and renders the unit and env file into --out without touching the system', () => {
    const out = join(dir, 'out');
    const r = install(['--dry-run', '--config', 'configs/settings.yaml', '--user', 'optbot-test', '--out', out]);
    expect(r.stderr).toContain('config configs/settings.yaml is valid');
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['optbot.env', 'optbot.service']);
    const unit = readFileSync(join(out, 'optbot.service'), 'utf8');
    const node = spawnSync('bash', ['-c', 'command -v node'], { encoding: 'utf8' }).stdout.trim();
    for (const line of [
      'User=optbot-test',
      'Group=optbot-test',
      `WorkingDirectory=${PROJECT}`,
      `EnvironmentFile=-${envFile}`,
      `ExecStart=${node} ${PROJECT}/dist/src/cli/main.js live --config ${PROJECT}/configs/settings.yaml $OPTBOT_ARGS`,
      'Restart=on-failure',
      'RestartSec=30',
      'StartLimitIntervalSec=900',
      'StartLimitBurst=5',
      'RestartPreventExitStatus=2',
      'KillSignal=SIGTERM',
      'TimeoutStopSec=60',
      `ReadWritePaths=${PROJECT}/data`,
      'WantedBy=multi-user.target',
    ]) {
      expect(unit.split('\n')).toContain(line);
    }
    expect(unit).not.toMatch(/@[A-Z_]+@/);
    expect(readFileSync(join(out, 'optbot.env'), 'utf8')).toMatch(/^OPTBOT_ARGS=$/m);
    // The plan is printed: production install, folders, systemd; and nothing ran.
    expect(r.stderr).toContain('npm ci --no-audit --no-fund');
    expect(r.stderr).toContain('npm prune --omit=dev');
    expect(r.stderr).toContain(`install -d -m 0750 -o optbot-test -g optbot-test ${PROJECT}/data/state`);
    expect(r.stderr).toContain('would run: systemctl daemon-reload');
    expect(r.stderr).toContain('dry run: nothing was changed');
    touchedNothing();
  });

  it.skipIf(!hasSystemdAnalyze)('systemd-analyze verify accepts the rendered unit', () => {
    const out = join(dir, 'verify');
    expect(install(['--dry-run', '--user', 'optbot-test', '--out', out]).code).toBe(0);
    const r = spawnSync('systemd-analyze', ['verify', join(out, 'optbot.service')], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    // systemd < 254 does not know the growing restart delay and says so; nothing else may appear.
    const complaints = r.stderr.split('\n').filter((l) => l && !/Unknown key '(RestartSteps|RestartMaxDelaySec)'/.test(l));
    expect(complaints).toEqual([]);
  });

  it('prints the unit on stdout without --out; --place-orders reaches the config check and ExecStart', () => {
    const live = yamlFile('live.yaml', 'dry_run: false\n');
    const refused = install(['--dry-run', '--config', live, '--user', 'optbot-test']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${live}:1 dry_run: false would send real orders`);
    expect(refused.stdout).toBe('');
    const r = install(['--dry-run', '--config', live, '--user', 'optbot-test', '--place-orders']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`live --config ${live} --place-orders $OPTBOT_ARGS\n`);
    touchedNothing();
  });

  it('an invalid config stops it with exit 2 and the problem by file and line, before anything is rendered', () => {
    const bad = yamlFile('bad.yaml', 'risk:\n  stop_loss_pct: 15\n');
    const r = install(['--dry-run', '--config', bad, '--out', join(dir, 'never')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:2 risk.stop_loss_pct: must be between 0 and 1`);
    expect(r.stderr).toContain('is not valid (see above); nothing was installed');
    expect(existsSync(join(dir, 'never'))).toBe(false);
    expect(install(['--dry-run', '--config', join(dir, 'missing.yaml')])).toMatchObject({ code: 2, stderr: expect.stringContaining('config file not found') });
    touchedNothing();
  });

  it('refuses a Node.js older than 20', () => {
    const oldNode = join(dir, 'node18');
    writeFileSync(oldNode, '#!/bin/sh\necho 18.19.1\n');
    chmodSync(oldNode, 0o755);
    const r = install(['--dry-run'], { NODE_BIN: oldNode });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Node.js 18.19.1 at ${oldNode} is too old: optbot needs ≥ 20`);
    touchedNothing();
  });

  it('--uninstall --dry-run lists the removal; bad options exit 2', () => {
    const r = install(['--uninstall', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('would run: systemctl disable --now optbot.service');
    expect(r.stderr).toContain(`would run: rm -f ${unitPath}`);
    expect(r.stderr).toContain('kept');
    expect(install(['--frobnicate'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown option: --frobnicate') });
    expect(install(['--user', 'root', '--dry-run'])).toMatchObject({ code: 2, stderr: expect.stringContaining('refusing to run the service as root') });
    touchedNothing();
  });
});

// The real path needs root (useradd, systemd); it runs on a copy of the checkout in a temp folder,
// with systemctl/useradd/npm recorded, and writes the unit and env file into that folder.
describe.skipIf(process.getuid?.() !== 0)('deploy/pi/install.sh as root, on a copy of the checkout', () => {
  it('builds, creates the folders, validates, writes the unit, keeps an edited env file on a rerun, and uninstalls', () => {
    const app = join(dir, 'app');
    mkdirSync(join(app, 'deploy'), { recursive: true });
    cpSync(join(PROJECT, 'deploy/pi'), join(app, 'deploy/pi'), { recursive: true });
    cpSync(join(PROJECT, 'configs'), join(app, 'configs'), { recursive: true });
    symlinkSync(join(PROJECT, 'dist'), join(app, 'dist'));
    symlinkSync(join(PROJECT, 'node_modules'), join(app, 'node_modules'));
    mkdirSync(join(dir, 'etc')); // stands for /etc/systemd/system and /etc/default
    const run = (...args: string[]) => install(['--user', 'nobody', ...args], {}, join(app, 'deploy/pi/install.sh'), realBin);

    const first = run();
    expect(first.stderr).toContain('config configs/settings.yaml is valid');
    expect(first.code).toBe(0);
    expect(readFileSync(calls, 'utf8').split('\n').filter(Boolean)).toEqual([
      'npm ci --no-audit --no-fund',
      'npm prune --omit=dev --no-audit --no-fund',
      expect.stringMatching(/^runuser -u nobody -- .*node .*main\.js config check --config .*app\/configs\/settings\.yaml$/),
      'systemctl daemon-reload',
      // The build has `optbot live`: the service is enabled and (re)started.
      'systemctl enable optbot.service',
      'systemctl restart optbot.service',
    ]);
    for (const d of ['data', 'data/logs', 'data/state']) expect(statSync(join(app, d)).isDirectory()).toBe(true);
    expect(readFileSync(unitPath, 'utf8')).toContain(`ExecStart=`);
    expect(readFileSync(unitPath, 'utf8')).toContain(`WorkingDirectory=${app}\n`);

    writeFileSync(envFile, 'OPTBOT_ARGS=--set broker.host=10.0.0.5\n');
    rmSync(calls);
    expect(run().code).toBe(0);
    expect(readFileSync(envFile, 'utf8')).toBe('OPTBOT_ARGS=--set broker.host=10.0.0.5\n');

    rmSync(calls);
    const gone = run('--uninstall');
    expect(gone.code).toBe(0);
    expect(existsSync(unitPath)).toBe(false);
    expect(readFileSync(calls, 'utf8')).toContain('systemctl daemon-reload');
    expect(existsSync(envFile)).toBe(true);
    rmSync(join(dir, 'etc'), { recursive: true });
    rmSync(calls);
  });
});
