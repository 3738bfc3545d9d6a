import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sessionOn } from '../src/calendar/index.js';
import { defaultSettings } from '../src/config/schema.js';
import { syntheticMinuteBars } from '../src/venues/history/synthetic-sample.js';
import { fixtureBarSource } from '../test/support/fake-gateway/fixtures.js';
import { sessionGateway } from '../test/live/live-support.js';
import { emit } from './lib/emit.js';

// Footprint of `optbot live` in dry-run (option mode, the defaults) against the fake gateway over
// one full simulated session (390 minutes, 78 cycles), run as its own process on a simulated
// clock at full speed. The process reports its CPU time and peak RSS; CPU as a share of a core is
// its CPU time over the session's 6.5 hours (the work per minute does not depend on the pace).
const DATE = '2025-12-30';
const session = sessionOn(DATE)!;
const spy = syntheticMinuteBars({ sessions: 2, endDate: DATE });
// The gateway prices option quotes at the time the bot asks about: the end of its latest bar request.
const clock = { t: session.open, now: () => clock.t };
const served = fixtureBarSource({ SPY: spy });
const bars = {
  bars(symbol: string, from: number, to: number) {
    clock.t = Math.max(clock.t, Math.min(to, session.close));
    return served.bars(symbol, from, to);
  },
};
const gateway = await sessionGateway(spy, defaultSettings(), clock, DATE, { fixtures: { bars } });
const main = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const sessionS = (session.close - session.open) / 1000;

/** One `optbot live --sessions 1` process from the open; returns what it reports of itself. */
async function liveSession(nodeOptions: string): Promise<{ trades: number; cpuS: number; rssMb: number; wallS: number }> {
  clock.t = session.open;
  const dir = mkdtempSync(join(tmpdir(), 'optbot-footprint-'));
  const args = ['live', '--set', `broker.port=${gateway.port}`, '--set', 'broker.max_messages_per_second=50', '--state-dir', join(dir, 'state'), '--clock-start', String(session.open), '--sessions', '1'];
  const started = performance.now();
  try {
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [main, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1', NODE_OPTIONS: nodeOptions }, stdio: ['ignore', 'pipe', 'ignore'] });
      let stdout = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`optbot live exited ${code}: ${stdout}`))));
    });
    const m = /(\d+) trade\(s\), closed; cpu ([\d.]+) s, peak RSS ([\d.]+) MB/.exec(out);
    if (!m) throw new Error(`unexpected output of optbot live:\n${out}`);
    return { trades: Number(m[1]), cpuS: Number(m[2]), rssMb: Number(m[3]), wallS: (performance.now() - started) / 1000 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The Pi service's own NODE_OPTIONS, read from the file the install script puts in /etc/default/optbot.
const piOptions = /^NODE_OPTIONS=(.*)$/m.exec(readFileSync(new URL('../../deploy/pi/optbot.env', import.meta.url), 'utf8'))?.[1]?.trim() ?? '';

for (const [label, nodeOptions] of [['', ''], ['.pi', piOptions]] as const) {
  const r = await liveSession(nodeOptions);
  const how = nodeOptions ? ` with NODE_OPTIONS=${nodeOptions}` : ' with default V8 flags';
  emit({ name: `footprint.peak_rss${label}`, value: r.rssMb, unit: 'MB', target: '< 150' }, `peak RSS ${r.rssMb.toFixed(1)} MB over a full dry-run session${how} (${r.trades} trades)`);
  emit(
    { name: `footprint.cpu_share${label}`, value: (r.cpuS / sessionS) * 100, unit: '% of a core', target: '< 2' },
    `CPU ${r.cpuS.toFixed(2)} s for ${sessionS / 3600} h of session: ${((r.cpuS / sessionS) * 100).toFixed(3)} % of a core${how} (start-up included; ran in ${r.wallS.toFixed(1)} s at full speed)`,
  );
}
await gateway.stop();
