import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/duckdb/database.js';
import { loadRun } from '../../src/journal/journal-reader.js';
import { JournalBuffer } from '../../src/journal/journal-buffer.js';
import { journalCounts } from '../../src/runtime/journal-counts.js';
import { journalTail } from '../../src/runtime/journal-tail.js';
import { readRunState } from '../../src/runtime/run-state.js';
import type { RuntimeState } from '../../src/runtime/runtime-state.js';
import { decodeState, encodeState } from '../../src/runtime/state-codec.js';
import { StateFileStore } from '../../src/runtime/state-file-store.js';
import { TrackedDailyState } from '../../src/runtime/tracked-daily-state.js';
import { BarStore } from '../../src/venues/history/bar-store.js';
import { syntheticMinuteBars } from '../../src/venues/history/synthetic-sample.js';
import { optbot } from '../support/cli.js';
import { tempDir } from '../support/tmp.js';
import { simulate, stockSettings } from '../simulate/rehearsal-support.js';

const state = (asOf: number, date = '2025-12-29'): RuntimeState => ({
  version: 1,
  date,
  asOf,
  runId: 'r',
  journal: { ...journalTail(new JournalBuffer(), journalCounts(new JournalBuffer())) },
  engine: { books: { SPY: { states: [], last: NaN } }, cash: 100_000, realized: 0, positions: [], orders: [], pendingEntries: [], day: null },
  broker: null,
});

describe('state file store', () => {
  const dir = tempDir();

  it('keeps NaN and Infinity through the file', () => {
    const s = state(1);
    expect(decodeState(encodeState({ a: NaN, b: -Infinity, c: [Infinity, 1] }))).toEqual({ a: NaN, b: -Infinity, c: [Infinity, 1] });
    const store = new StateFileStore(join(dir, 'codec'));
    store.save(s);
    expect(store.load().state!.engine.books['SPY']!.last).toBeNaN();
  });

  it('a kill between the write and the rename leaves the old state (the new one never half-applies)', () => {
    const store = new StateFileStore(join(dir, 'kill'));
    store.save(state(1));
    // What a save killed before its rename leaves: the new state written and fsynced beside the old one …
    writeFileSync(`${store.path}.4242.tmp`, encodeState(state(2)));
    expect(new StateFileStore(store.dir).load()).toEqual({ state: state(1), blocked: null });
    expect(existsSync(`${store.path}.4242.tmp`)).toBe(false);
    // … or killed in the middle of the write: a torn temporary file is just as harmless.
    writeFileSync(`${store.path}.4243.tmp`, '{"version":1,"da');
    expect(new StateFileStore(store.dir).load().state).toEqual(state(1));
    expect(existsSync(`${store.path}.4243.tmp`)).toBe(false);
  });

  it('a process SIGKILLed while saving in a loop leaves the old state or the new one, never a broken one', async () => {
    const sub = join(dir, 'sigkill');
    const module = fileURLToPath(new URL('../../dist/src/runtime/state-file-store.js', import.meta.url));
    const script = `import { StateFileStore } from ${JSON.stringify(module)};
      const s = new StateFileStore(${JSON.stringify(sub)});
      const base = ${JSON.stringify({ ...state(0), engine: { ...state(0).engine, books: { SPY: { states: [], last: 500 } } } })};
      for (let i = 1; ; i++) { s.save({ ...base, asOf: i, runId: 'x'.repeat(i % 5000 + 1) }); if (i === 3) process.stdout.write('saving\\n'); }`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const { state: loaded, blocked } = new StateFileStore(sub).load();
    expect(blocked).toBeNull();
    expect(loaded!.asOf).toBeGreaterThanOrEqual(3);
    expect(loaded!.runId).toBe('x'.repeat((loaded!.asOf % 5000) + 1));
  });

  it('a corrupt file is kept aside under a new name and blocks entries until a reset', () => {
    const store = new StateFileStore(join(dir, 'corrupt'));
    store.save(state(1));
    writeFileSync(store.path, '{"version":1,"date":"2025-12-29"');
    const loaded = store.load();
    expect(loaded.state).toBeNull();
    expect(loaded.blocked).toMatch(new RegExp(`^state file ${store.path} is corrupt \\(not JSON: .+\\); it was kept aside as ${store.path}\\.corrupt-1\\. `));
    expect(loaded.blocked).toMatch(/No new positions will be opened until you run `optbot state reset --confirm`\.$/);
    expect(readFileSync(store.path + '.corrupt-1', 'utf8')).toBe('{"version":1,"date":"2025-12-29"');
    // The block outlives the file: saving a new state does not lift it, a reset does.
    store.save(state(2));
    expect(store.load().blocked).toBe(loaded.blocked);
    writeFileSync(store.path, JSON.stringify({ ...state(3), version: 2 }));
    expect(store.load().state).toBeNull();
    expect(existsSync(store.path + '.corrupt-2')).toBe(true);
    expect(store.reset()).toEqual([join(store.dir, 'entries-blocked.json')]);
    expect(store.load()).toEqual({ state: null, blocked: null });
    expect(existsSync(store.path + '.corrupt-1')).toBe(true);
  });

  it('optbot status reads the guard out of it', () => {
    const store = new StateFileStore(join(dir, 'status'));
    const s = state(1);
    store.save({ ...s, engine: { ...s.engine, day: { date: s.date, startEquity: 100_000, halted: true, haltReason: 'daily loss guard: test', entriesToday: 3 } } });
    expect(readRunState(store.dir).dailyStates).toEqual([
      { file: 'daily-state.json', date: s.date, halted: true, haltReason: 'daily loss guard: test', entriesToday: 3, startEquity: 100_000 },
    ]);
  });

  it('the engine never gets a day of another date: a stale state is no halt', () => {
    const daily = new TrackedDailyState({ date: '2025-12-26', startEquity: 1, halted: true, haltReason: 'yesterday', entriesToday: 9 }, null, () => 100);
    expect(daily.load('2025-12-29')).toBeNull();
    expect(daily.load('2025-12-26')).toMatchObject({ halted: true });
    expect(new TrackedDailyState(null, 'blocked!', () => 100).load('2025-12-29')).toEqual({ date: '2025-12-29', startEquity: 100, halted: true, haltReason: 'blocked!', entriesToday: 0 });
  });
});

describe('the daily state through optbot simulate (synthetic sample, stock mode)', () => {
  const dir = tempDir();
  let db: Database;
  let n = 0;
  const stateDir = () => join(dir, `state-${++n}`);
  const settings = stockSettings();
  const days = ['2025-12-01', '2025-12-12'] as const;

  beforeAll(async () => {
    db = await openDatabase(join(dir, 'sample.duckdb'));
    const store = await BarStore.fromDatabase(db);
    await store.insertBars('SPY', '1m', 'synthetic', syntheticMinuteBars({ sessions: 25 }), 'keep');
    return () => db.close();
  });

  it('a halted state file from an earlier date never halts the next day', async () => {
    const dirA = stateDir();
    await simulate(db, settings, dirA, days[0]);
    const store = new StateFileStore(dirA);
    const saved = store.load().state!;
    store.save({ ...saved, engine: { ...saved.engine, day: { ...saved.engine.day!, halted: true, haltReason: 'daily loss guard: old' } } });
    const next = await simulate(db, settings, dirA, '2025-12-02', days[1]);
    const j = await loadRun(db, next.run.runId);
    expect(j.riskDecisions[0]).toMatchObject({ kind: 'guard-release', approved: true });
    expect(j.riskDecisions.some((r) => r.kind === 'entry' && r.approved)).toBe(true);
    expect(j.riskDecisions.some((r) => r.reason.includes('halted'))).toBe(false);
  });

  it('a corrupt state file is kept aside, entries are refused with the documented message, and state reset lifts it', async () => {
    const dirB = stateDir();
    const store = new StateFileStore(dirB);
    store.save(state(1, '2025-11-28'));
    writeFileSync(store.path, 'garbage');
    const blocked = await simulate(db, settings, dirB, days[0], days[1]);
    const j = await loadRun(db, blocked.run.runId);
    const entries = j.riskDecisions.filter((r) => r.kind === 'entry');
    expect(entries.length).toBeGreaterThan(0);
    for (const r of entries) expect(r.reason).toContain('No new positions will be opened until you run `optbot state reset --confirm`.');
    expect(j.trades).toEqual([]);
    expect(j.logs.find((l) => l.event === 'state.blocked')?.msg).toContain(`kept aside as ${store.path}.corrupt-1`);

    const refused = optbot(['state', 'reset', '--state-dir', dirB]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('rerun with --confirm');
    const reset = optbot(['state', 'reset', '--confirm', '--state-dir', dirB]);
    expect(reset.code).toBe(0);
    expect(existsSync(`${store.path}.corrupt-1`)).toBe(true);
    const after = await simulate(db, settings, dirB, days[0], days[1]);
    expect(after.journal.trades.length).toBeGreaterThan(0);
  });
});
