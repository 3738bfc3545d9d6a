import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sessionOn, sessionsBetween } from '../../src/calendar/index.js';
import { fetchBars } from '../../src/cli/actions/fetch.js';
import type { FetchFlags } from '../../src/cli/commands/fetch.js';
import { defaultSettings, type Settings } from '../../src/config/schema.js';
import { barAt, type Bar, type BarColumns } from '../../src/core/bar.js';
import { BarStore } from '../../src/venues/history/bar-store.js';
import { syntheticMinuteBars } from '../../src/venues/history/synthetic-sample.js';
import { barColumns } from '../../src/venues/ib/fetch-history.js';
import { IB_HISTORICAL_PACING, type HistoricalPacing } from '../../src/venues/ib/historical-pacer.js';
import { optbot } from '../support/cli.js';
import { failOnDecodeErrors } from '../support/fake-gateway/client-errors.js';
import { parseHistoricalRequest } from '../support/fake-gateway/client-messages.js';
import { FakeGateway } from '../support/fake-gateway/fake-gateway.js';
import type { GatewayFaults } from '../support/fake-gateway/faults.js';
import { fixtureBarSource, storeBarSource, type BarSource, type GatewayFixtures } from '../support/fake-gateway/fixtures.js';
import { hasSharedData, sharedFile } from '../support/shared-data.js';
import { tempDir } from '../support/tmp.js';
import { virtualClock } from './fetch-virtual-clock.js';
import { testLogger } from './helpers.js';

const errors = failOnDecodeErrors();
const dir = tempDir('optbot-fetch-');
const NOW = Date.UTC(2026, 0, 2); // every session fetched below has closed
let gateway: FakeGateway | undefined;
let storeCount = 0;

afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
});

// eslint-disable-next-line no-control-regex
const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

/** A gateway whose record is stamped by the same virtual clock the pacer waits on. */
async function startGateway(bars: GatewayFixtures['bars'], faults: Partial<GatewayFaults> = {}) {
  const clock = virtualClock(NOW);
  gateway = await FakeGateway.start({ fixtures: { now: () => NOW, bars }, faults, clock: clock.now });
  return { gateway, clock };
}

function settingsFor(g: FakeGateway, store = join(dir, `store-${++storeCount}.duckdb`), tweak: (s: Settings) => void = () => {}): Settings {
  const s = defaultSettings();
  s.broker.port = g.port;
  s.broker.client_id_retries = 0;
  s.broker.connect_timeout_seconds = 2;
  s.broker.request_timeout_seconds = 5;
  s.data.store_path = store;
  tweak(s);
  return s;
}

async function run(settings: Settings, flags: Partial<FetchFlags> & Pick<FetchFlags, 'from' | 'to'>, clock: ReturnType<typeof virtualClock>, pacing: HistoricalPacing = IB_HISTORICAL_PACING) {
  const lines: string[] = [];
  const logger = testLogger();
  const code = await fetchBars(settings, { symbol: 'SPY', bar: '1m', what: 'TRADES', ...flags }, { out: (l) => lines.push(plain(l)), log: logger.log, now: () => NOW, timers: clock, pacing });
  return { code, lines, text: lines.join('\n'), logs: logger };
}

async function withStore<T>(path: string, body: (s: BarStore) => Promise<T>): Promise<T> {
  const store = await BarStore.open(path);
  try {
    return await body(store);
  } finally {
    store.close();
  }
}

const rows = (c: BarColumns): Bar[] => Array.from({ length: c.length }, (_, i) => barAt(c, i));
const historicalRequests = (g: FakeGateway) => g.messages('REQ_HISTORICAL_DATA');
/** What each REQ_HISTORICAL_DATA asked for: end, bar size, duration, useRTH, whatToShow. */
const requestFields = (g: FakeGateway) =>
  historicalRequests(g)
    .map((m) => parseHistoricalRequest([String(m.id), ...m.fields]))
    .map((q) => [q.endDateTime, q.barSize, q.duration, q.useRth, q.whatToShow]);

describe.skipIf(!hasSharedData)('optbot fetch: real SPY sessions served from a DuckDB bar store', () => {
  let source: BarStore;
  beforeAll(async () => {
    source = await BarStore.open(join(dir, 'gateway-source.duckdb'));
    await source.ingestFiles([sharedFile('spy_1min_2024-03-26_2025-04-02.csv.gz')], { symbol: 'SPY', barSize: '1m', tz: 'America/New_York', stamp: 'start', onConflict: 'keep' });
    return () => source.close();
  });

  it('fills an empty store with exactly the bars the gateway served, one request per session', async () => {
    const { gateway, clock } = await startGateway(storeBarSource(source));
    const settings = settingsFor(gateway);
    // 2024-07-03 closes at 13:00, 2024-07-04 is a holiday.
    const r = await run(settings, { from: '2024-07-01', to: '2024-07-05' }, clock);
    expect(r.lines[0]).toBe(
      `fetch SPY 1m TRADES 2024-07-01 → 2024-07-05: 4 sessions, 0 complete in the store, 4 to fetch (IB Gateway 127.0.0.1:${gateway.port} → ${settings.data.store_path})`,
    );
    expect(r.lines.at(-1)).toBe('fetch: 4 fetched, 0 skipped (complete), 0 failed; 1,380 bars stored (source ib:TRADES)');
    expect(r.code).toBe(0);
    expect(requestFields(gateway)).toEqual([
      ['20240701-20:00:00', '1 min', '23400 S', true, 'TRADES'],
      ['20240702-20:00:00', '1 min', '23400 S', true, 'TRADES'],
      ['20240703-17:00:00', '1 min', '12600 S', true, 'TRADES'],
      ['20240705-20:00:00', '1 min', '23400 S', true, 'TRADES'],
    ]);
    const [from, to] = [sessionOn('2024-07-01')!.open, sessionOn('2024-07-05')!.close];
    const served = await source.readColumns('SPY', '1m', from, to);
    expect(served.length).toBe(3 * 390 + 210);
    await withStore(settings.data.store_path, async (fetched) => {
      expect(rows(await fetched.readColumns('SPY', '1m', from, to))).toEqual(rows(served));
      expect((await fetched.series()).map((s) => [s.symbol, s.barSize, s.bars, s.sources])).toEqual([['SPY', '1m', 1380, ['ib:TRADES']]]);
    });
    errors.assertNoDecodeErrors();
  });
});

describe('optbot fetch on synthetic sessions', () => {
  const SESSIONS = syntheticMinuteBars({ sessions: 5, endDate: '2025-12-31', seed: 7 });
  const FIVE = sessionsBetween('2025-12-23', '2025-12-31'); // 23, 24 (13:00), 26, 29, 30, 31 → the last five are served
  const served = (from: string, to: string) => rows(SESSIONS).filter((b) => b.ts >= sessionOn(from)!.open && b.ts < sessionOn(to)!.close);

  it('resumes: complete sessions are skipped, a partial one is completed keeping its stored bars, a re-run sends no request', async () => {
    expect(FIVE.map((s) => s.date)).toEqual(['2025-12-23', '2025-12-24', '2025-12-26', '2025-12-29', '2025-12-30', '2025-12-31']);
    const { gateway, clock } = await startGateway({ SPY: SESSIONS });
    const settings = settingsFor(gateway);
    const all = served('2025-12-24', '2025-12-31');
    const day = (d: string) => all.filter((b) => b.ts >= sessionOn(d)!.open && b.ts < sessionOn(d)!.close);
    // Stored before: 12-24 whole (from an ingested file), the first 100 minutes of 12-26 with other closes (another vendor).
    const other = day('2025-12-26')
      .slice(0, 100)
      .map((b) => ({ ...b, high: b.high + 0.05, close: b.close + 0.01 }));
    await withStore(settings.data.store_path, async (s) => {
      await s.insertBars('SPY', '1m', 'file', barColumns(day('2025-12-24')), 'keep');
      await s.insertBars('SPY', '1m', 'vendor', barColumns(other), 'keep');
    });

    const first = await run(settings, { from: '2025-12-24', to: '2025-12-31' }, clock);
    expect(first.lines[0]).toContain('5 sessions, 1 complete in the store, 4 to fetch');
    expect(first.lines.at(-1)).toBe(`fetch: 4 fetched, 1 skipped (complete), 0 failed; ${(290 + 3 * 390).toLocaleString('en-US')} bars stored (source ib:TRADES)`);
    expect(first.code).toBe(0);
    expect(requestFields(gateway).map((f) => f[0])).toEqual(['20251226-21:00:00', '20251229-21:00:00', '20251230-21:00:00', '20251231-21:00:00']);
    await withStore(settings.data.store_path, async (s) => {
      const stored = rows(await s.readColumns('SPY', '1m', sessionOn('2025-12-24')!.open, sessionOn('2025-12-31')!.close));
      // Policy 'keep': the vendor's 100 minutes stay as they were; everything else equals what the gateway served.
      expect(stored).toEqual([...day('2025-12-24'), ...other, ...all.filter((b) => b.ts >= sessionOn('2025-12-26')!.open + 100 * 60_000)]);
      expect(await s.countBars('SPY', '1m', { source: 'ib:TRADES' })).toBe(290 + 3 * 390);
    });

    const requests = historicalRequests(gateway).length;
    const connections = gateway.sessionsOpened;
    const again = await run(settings, { from: '2025-12-24', to: '2025-12-31' }, clock);
    expect(again.lines).toEqual([
      `fetch SPY 1m TRADES 2025-12-24 → 2025-12-31: 5 sessions, 5 complete in the store, 0 to fetch (IB Gateway 127.0.0.1:${gateway.port} → ${settings.data.store_path})`,
      'fetch: 0 fetched, 5 skipped (complete), 0 failed; 0 bars stored (source ib:TRADES)',
    ]);
    expect(again.code).toBe(0);
    expect(historicalRequests(gateway)).toHaveLength(requests);
    expect(gateway.sessionsOpened).toBe(connections); // not even a connection
  });

  it('a pacing violation (162) backs off and the same request succeeds on retry', async () => {
    const { gateway, clock } = await startGateway({ SPY: SESSIONS }, { pacingViolations: 2 });
    const settings = settingsFor(gateway, undefined, (s) => {
      s.broker.pacing_backoff_seconds = 30;
    });
    const r = await run(settings, { from: '2025-12-30', to: '2025-12-31' }, clock);
    expect(r.code).toBe(0);
    expect(r.lines.at(-1)).toBe('fetch: 2 fetched, 0 skipped (complete), 0 failed; 780 bars stored (source ib:TRADES)');
    const reqs = historicalRequests(gateway);
    expect(requestFields(gateway).map((f) => f[0])).toEqual(['20251230-21:00:00', '20251230-21:00:00', '20251230-21:00:00', '20251231-21:00:00']);
    // Back-off 30 s, then 60 s (doubling); the virtual clock stamped the gateway's record.
    expect(reqs[1]!.at - reqs[0]!.at).toBeGreaterThanOrEqual(30_000);
    expect(reqs[2]!.at - reqs[1]!.at).toBeGreaterThanOrEqual(60_000);
    expect(r.logs.named('fetch.pacing').map((e) => e.wait_ms)).toEqual([30_000, 60_000]);
    await withStore(settings.data.store_path, async (s) => expect(rows(await s.readColumns('SPY', '1m', 0, Infinity))).toEqual(served('2025-12-30', '2025-12-31')));
  });

  it('pacing violations past the retries fail their session only; exit 1', async () => {
    const { gateway, clock } = await startGateway({ SPY: SESSIONS }, { pacingViolations: 2 });
    const settings = settingsFor(gateway, undefined, (s) => {
      s.broker.pacing_retries = 1;
    });
    const r = await run(settings, { from: '2025-12-30', to: '2025-12-31' }, clock);
    expect(r.text).toContain('  2025-12-30  FAILED: pacing violation (IB 162) after every retry');
    expect(r.lines.at(-1)).toBe('fetch: 1 fetched, 0 skipped (complete), 1 failed; 390 bars stored (source ib:TRADES)');
    expect(r.code).toBe(1);
    expect(historicalRequests(gateway)).toHaveLength(3);
  });

  it('an invalid bar fails its session; the sessions before and after are stored; exit 1', async () => {
    const bad = rows(SESSIONS).map((b) => (b.ts === sessionOn('2025-12-29')!.open + 60 * 60_000 ? { ...b, low: b.high + 1 } : b));
    const { gateway, clock } = await startGateway({ SPY: bad });
    const settings = settingsFor(gateway);
    const r = await run(settings, { from: '2025-12-26', to: '2025-12-31' }, clock);
    expect(r.text).toMatch(/\n {2}2025-12-29 {2}FAILED: SPY 1m bars from ib:TRADES: 1 bad row, nothing stored; row 61: high [\d.]+ is below open [\d.]+, close [\d.]+ or low [\d.]+\n/);
    expect(r.lines.at(-1)).toBe('fetch: 3 fetched, 0 skipped (complete), 1 failed; 1,170 bars stored (source ib:TRADES)');
    expect(r.code).toBe(1);
    await withStore(settings.data.store_path, async (s) => {
      expect(await s.countBars('SPY', '1m')).toBe(3 * 390);
      expect(await s.countBars('SPY', '1m', { fromMs: sessionOn('2025-12-29')!.open, toMs: sessionOn('2025-12-29')!.close })).toBe(0);
    });
  });

  it('a session IB has no bars for fails with that reason; exit 1', async () => {
    const { clock } = await startGateway({ SPY: SESSIONS }); // the five sessions from 2025-12-24
    const r = await run(settingsFor(gateway!), { from: '2025-12-23', to: '2025-12-24' }, clock);
    expect(r.lines.slice(1)).toEqual([
      '  2025-12-23  FAILED: IB returned no regular-hours bars (0 in all)',
      'fetch: 1 fetched, 0 skipped (complete), 1 failed; 210 bars stored (source ib:TRADES)',
    ]);
    expect(r.code).toBe(1);
    expect(r.logs.named('fetch.session-failed')).toHaveLength(1);
  });

  it('the Gateway dropping the connection mid-run: what was stored stays, the rest is reported; exit 3', async () => {
    const clock = virtualClock(NOW);
    const inner = fixtureBarSource({ SPY: SESSIONS });
    const dropOn = sessionOn('2025-12-30')!;
    const source: BarSource = {
      bars(symbol, fromMs, toMs) {
        if (toMs === dropOn.close) gateway!.resetConnections();
        return inner.bars(symbol, fromMs, toMs);
      },
    };
    gateway = await FakeGateway.start({ fixtures: { now: () => NOW, bars: source }, clock: clock.now });
    const settings = settingsFor(gateway);
    const r = await run(settings, { from: '2025-12-26', to: '2025-12-31' }, clock);
    expect(r.text).toContain('  2025-12-30  FAILED: the Gateway dropped the connection');
    expect(r.text).toContain('  2025-12-31  FAILED: not requested: the Gateway dropped the connection');
    expect(r.lines.at(-2)).toBe('fetch: 2 fetched, 0 skipped (complete), 2 failed; 780 bars stored (source ib:TRADES)');
    expect(r.code).toBe(3);
    await withStore(settings.data.store_path, async (s) => expect(await s.countBars('SPY', '1m')).toBe(780));
  });

  it('keeps to IB pacing over 70 sessions: ≤ 60 requests in any 10 minutes, ≤ 6 in any 2 s (the gateway’s record, virtual time)', async () => {
    const bars = syntheticMinuteBars({ sessions: 70, endDate: '2025-12-31', seed: 3 });
    const { gateway, clock } = await startGateway({ SPY: bars });
    const settings = settingsFor(gateway);
    const first = rows(bars)[0]!.ts;
    const from = new Date(first).toISOString().slice(0, 10);
    const r = await run(settings, { from, to: '2025-12-31' }, clock);
    expect(r.lines.at(-1)).toBe(`fetch: 70 fetched, 0 skipped (complete), 0 failed; ${bars.length.toLocaleString('en-US')} bars stored (source ib:TRADES)`);
    const at = historicalRequests(gateway).map((m) => m.at);
    expect(at).toHaveLength(70);
    const maxIn = (windowMs: number) => Math.max(...at.map((t) => at.filter((u) => u >= t && u < t + windowMs).length));
    expect(maxIn(600_000)).toBe(60);
    expect(maxIn(2_000)).toBe(6);
    expect(at.at(-1)! - at[0]!).toBeGreaterThan(600_000); // the 10-minute rule did bind
    // Waits of a few seconds pass quietly; the long one is announced with its rule.
    expect(r.logs.named('fetch.pacing-wait').map((e) => e.msg)).toEqual([expect.stringMatching(/: waiting 5\d\d s \(IB pacing: at most 60 historical requests per 10 min\)$/)]);
    await withStore(settings.data.store_path, async (s) => expect(await s.countBars('SPY', '1m')).toBe(bars.length));
  });
});

describe('optbot fetch: bad input and an unreachable Gateway', () => {
  it('exit 3 when nothing listens, after saying where to look', async () => {
    const g = await FakeGateway.start();
    const settings = settingsFor(g);
    await g.stop();
    const r = await run(settings, { from: '2025-12-30', to: '2025-12-31' }, virtualClock(NOW));
    expect(r.code).toBe(3);
    expect(r.text).toMatch(/FAILED +nothing accepts connections on 127\.0\.0\.1:\d+ \(connection refused\)/);
  });

  it('bad dates, a reversed range and a bad symbol are rejected before anything is opened', async () => {
    const g = await FakeGateway.start();
    gateway = g;
    const settings = settingsFor(g);
    const clock = virtualClock(NOW);
    await expect(run(settings, { from: '2025-02-30', to: '2025-03-03' }, clock)).rejects.toThrow('--from/--to: no such date: 2025-02-30');
    await expect(run(settings, { from: '2025-3-1', to: '2025-03-03' }, clock)).rejects.toThrow('--from 2025-3-1: expected a date YYYY-MM-DD');
    await expect(run(settings, { from: '2025-03-05', to: '2025-03-03' }, clock)).rejects.toThrow('--from 2025-03-05 is after --to 2025-03-03');
    await expect(run(settings, { from: '2040-01-02', to: '2040-01-03' }, clock)).rejects.toThrow(/--from\/--to: .*2040/);
    await expect(run(settings, { symbol: 'spy', from: '2025-03-03', to: '2025-03-03' }, clock)).rejects.toThrow('--symbol spy');
    expect(g.sessionsOpened).toBe(0);
  });

  it('the built CLI: exit 2 on bad input; with the Gateway up it stores the sessions, exit 0', async () => {
    const store = join(dir, 'cli.duckdb');
    gateway = await FakeGateway.start({ fixtures: { bars: { SPY: syntheticMinuteBars({ sessions: 2, endDate: '2025-12-31' }) } } });
    const args = ['fetch', '--symbol', 'SPY', '--set', `broker.port=${gateway.port}`, '--set', `data.store_path=${store}`];
    expect(optbot([...args, '--from', '2025-03-05', '--to', '2025-03-03']).code).toBe(2);
    // Asynchronously: the gateway answers from this process while the CLI runs.
    const r = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, [fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url)), ...args, '--from', '2025-12-30', '--to', '2025-12-31'], {
        env: { ...process.env, NO_COLOR: '1' },
      });
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.on('close', (code) => resolve({ code, stdout }));
    });
    expect(r.stdout).toContain('fetch: 2 fetched, 0 skipped (complete), 0 failed; 780 bars stored (source ib:TRADES)');
    expect(r.code).toBe(0);
  });
});
