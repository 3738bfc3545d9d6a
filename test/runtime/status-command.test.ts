import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { heartbeatAt, writeHeartbeat, type RunVitals } from '../../src/runtime/heartbeat.js';
import { readRunState } from '../../src/runtime/run-state.js';
import { assessStatus, formatStatus } from '../../src/runtime/status.js';
import { optbot } from '../support/cli.js';
import { tempDir } from '../support/tmp.js';

// Tuesday 2024-04-02, 10:35 New York: regular hours.
const NOW = Date.UTC(2024, 3, 2, 14, 35);
const vitals: RunVitals = {
  runId: 'live-20240402',
  mode: 'dry-run',
  startedTs: NOW - 3_600_000,
  intervalSeconds: 300,
  cycles: 12,
  lastBarTs: NOW - 60_000,
  connection: 'connected',
  halted: false,
  haltReason: null,
  positions: [
    {
      intentId: 'i1',
      instrument: { kind: 'option', contract: { underlying: 'SPY', expiry: '2024-04-05', strike: 520, right: 'C', multiplier: 100 } },
      quantity: 3,
      entryPrice: 1.25,
      entryTs: NOW - 1_800_000,
      entryFees: 1.95,
    },
  ],
};

const root = tempDir();
let n = 0;
/** A state folder with a heartbeat written `ageS` seconds before NOW and optional extra JSON files. */
function stateDir(ageS: number | null, changes: Partial<RunVitals> = {}, files: Record<string, unknown> = {}): string {
  const dir = join(root, `state-${n++}`);
  mkdirSync(dir, { recursive: true });
  if (ageS !== null) writeHeartbeat(dir, heartbeatAt(NOW - ageS * 1000, { ...vitals, ...changes }, { pid: 777, rssBytes: 84 * 1024 * 1024 }));
  for (const [name, value] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(value));
  return dir;
}

const assess = (dir: string, staleAfterS?: number, now = NOW) => assessStatus(readRunState(dir), now, { staleAfterS });
const status = (dir: string, ...args: string[]) => optbot(['status', '--state-dir', dir, ...args], { env: { OPTBOT_NOW: new Date(NOW).toISOString() } });
const json = (dir: string, ...args: string[]) => {
  const r = status(dir, '--json', ...args);
  return { code: r.code, report: JSON.parse(r.stdout) };
};

describe('optbot status (exit codes through the CLI, variants in-process)', () => {
  it('alive, connected, not halted: exit 0 and what it holds', () => {
    const dir = stateDir(42, {}, { 'daily-risk.json': { date: '2024-04-02', startEquity: 100000, halted: false, haltReason: null, entriesToday: 2 } });
    const r = status(dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'optbot HEALTHY (exit 0)',
        '  heartbeat   2024-04-02 10:34:18 ET, 42 s ago (stale after 600 s) · pid 777 · run live-20240402 · dry-run',
        '  running     up 59 min · 12 cycles · last bar 2024-04-02 10:34:00 ET · 84 MB RSS',
        '  connection  connected',
        '  market      regular hours at 2024-04-02 10:35:00 ET',
        '  guard       not halted · 2 entries today · start equity 100000 (daily-risk.json)',
        '  holding     SPY 2024-04-05 520C × 3 @ 1.25 since 2024-04-02 10:05:00 ET',
        '',
      ].join('\n'),
    );
    const { report } = json(dir);
    expect(report).toMatchObject({ verdict: 'healthy', exit_code: 0, alive: true, connection: 'connected', regular_hours_now: true, halted: false, heartbeat_age_s: 42 });
    expect(report.positions).toEqual([{ instrument: 'SPY 2024-04-05 520C', quantity: 3, entry_price: 1.25, entry_ts: NOW - 1_800_000 }]);
    expect(report.daily_state).toMatchObject({ date: '2024-04-02', entriesToday: 2 });
  });

  it('stale heartbeat: exit 4, after twice the declared interval or --stale-after', () => {
    expect(assess(stateDir(600)).verdict).toBe('healthy');
    const { code, report } = json(stateDir(601));
    expect(code).toBe(4);
    expect(report).toMatchObject({ verdict: 'stale', alive: false, heartbeat_age_s: 601, stale_after_s: 600 });
    expect(formatStatus(assess(stateDir(601)))).toMatch(/^optbot STALE \(exit 4\): last heartbeat 10 min ago \(stale after 600 s\)/);
    expect(assess(stateDir(120), 90).verdict).toBe('stale');
    expect(status(stateDir(120), '--stale-after', '90').code).toBe(4);
  });

  it('halted by the guard, in the heartbeat or in today\'s daily state: exit 1 with the reason', () => {
    const fromHeartbeat = json(stateDir(10, { halted: true, haltReason: 'daily loss -5.2% ≤ -5%' }));
    expect(fromHeartbeat.code).toBe(1);
    expect(fromHeartbeat.report).toMatchObject({ verdict: 'unhealthy', halted: true, halt_reason: 'daily loss -5.2% ≤ -5%', reasons: ['halted by the guard: daily loss -5.2% ≤ -5%'] });
    const fromDaily = assess(stateDir(10, {}, { 'daily-risk.json': { date: '2024-04-02', startEquity: 1e5, halted: true, haltReason: 'daily loss', entriesToday: 4 } }));
    expect(fromDaily.exit_code).toBe(1);
    expect(formatStatus(fromDaily)).toContain('  guard       HALTED: daily loss · 4 entries today');
  });

  it("a daily state of another day never halts today's run", () => {
    const report = assess(stateDir(10, {}, { 'daily-risk.json': { date: '2024-04-01', startEquity: 1e5, halted: true, haltReason: 'x', entriesToday: 1 } }));
    expect(report.exit_code).toBe(0);
    expect(report.notes).toEqual(['daily-risk.json: daily state of 2024-04-01, not today (2024-04-02): ignored']);
  });

  it('disconnected or reconnecting: exit 1', () => {
    expect(json(stateDir(10, { connection: 'disconnected' }))).toMatchObject({ code: 1, report: { reasons: ['IB Gateway disconnected'] } });
    expect(assess(stateDir(10, { connection: 'reconnecting' })).exit_code).toBe(1);
  });

  it('no state: exit 5, for a missing folder or heartbeat; an unreadable heartbeat names the file', () => {
    const missing = status(join(root, 'never-created'));
    expect(missing.code).toBe(5);
    expect(missing.stdout).toMatch(/^optbot NO-STATE \(exit 5\): no heartbeat at .*never-created\/heartbeat\.json/);
    const dir = stateDir(null, {}, { 'heartbeat.json': { ts: 'yesterday' } });
    const bad = assess(dir);
    expect(bad.exit_code).toBe(5);
    expect(bad.reasons).toEqual([`${join(dir, 'heartbeat.json')}: ts: Invalid input: expected number, received string`]);
  });

  it('outside regular hours says the market is closed', () => {
    const saturday = Date.UTC(2024, 3, 6, 15);
    expect(assess(stateDir(10), undefined, saturday)).toMatchObject({ regular_hours_now: false, today: '2024-04-06', verdict: 'stale' });
  });

  it('bad --stale-after or OPTBOT_NOW: exit 2', () => {
    expect(optbot(['status', '--state-dir', stateDir(10), '--stale-after', 'soon'], { env: { OPTBOT_NOW: String(NOW) } })).toMatchObject({ code: 2, stderr: expect.stringContaining('--stale-after') });
    expect(optbot(['status', '--state-dir', root], { env: { OPTBOT_NOW: 'tuesday' } })).toMatchObject({ code: 2, stderr: expect.stringContaining('OPTBOT_NOW') });
  });
});
