import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sessionOn, tradingDateOf } from '../../src/calendar/index.js';
import { MINUTE_MS } from '../../src/core/time.js';
import type { Settings } from '../../src/config/schema.js';
import type { Database } from '../../src/duckdb/database.js';
import { loadRun } from '../../src/journal/journal-reader.js';
import type { RuntimeState } from '../../src/runtime/runtime-state.js';
import { StateFileStore } from '../../src/runtime/state-file-store.js';
import { hasSharedData } from '../support/shared-data.js';
import { tempDir } from '../support/tmp.js';
import { journalDifferences, optionSettings, realYear, simulate, stockSettings } from './rehearsal-support.js';

/** "HH:MM" America/New_York of a time on `date` (minutes from the 09:30 open). */
const hhmmOn = (date: string, t: number): string => {
  const m = 9 * 60 + 30 + (t - sessionOn(date)!.open) / MINUTE_MS;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

describe.skipIf(!hasSharedData)('--crash-at then --resume equals the uninterrupted run (real sessions, stock mode)', () => {
  const dir = tempDir();
  let db: Database;
  let n = 0;
  const stateDir = () => join(dir, `state-${++n}`);

  beforeAll(async () => {
    db = await realYear(dir, 'crash.duckdb');
    return () => db.close();
  });

  /** Crashes a fresh run of `date…to` right after minute `at`, resumes it; returns the resumed run's id and the state the crash left. */
  async function crashAndResume(settings: Settings, date: string, to: string, at: number): Promise<{ resumed: string; saved: RuntimeState }> {
    const state = stateDir();
    const crashed = await simulate(db, settings, state, date, to, { crashAt: hhmmOn(date, at) });
    expect(crashed.end).toBe('crashed');
    const saved = new StateFileStore(state).load().state!;
    expect(saved.runId).toBe(crashed.run.runId);
    expect(saved.asOf).toBeLessThanOrEqual(at);
    // The state carries the journal rows written since the last flush (the database has the rest).
    expect(saved.journal.equity.length).toBeGreaterThan(0);
    const resumed = await simulate(db, settings, state, date, to, { resume: true });
    expect(resumed.end).toBe('closed');
    return { resumed: resumed.run.runId, saved };
  }

  it('a crash while a position is open: the resumed run restores it and its bracket, and finishes the days the same', async () => {
    const settings = stockSettings();
    const whole = await simulate(db, settings, stateDir(), '2024-07-01', '2024-07-02');
    const trade = (await loadRun(db, whole.run.runId)).trades[0]!;
    expect(trade).toBeDefined();
    const date = '2024-07-01';
    expect(new Date(trade.entryTs).toISOString().slice(0, 10)).toBe(date);
    // Two minutes into the first trade: the entry has filled, the take-profit and the stop are working.
    const { resumed, saved } = await crashAndResume(settings, date, '2024-07-02', trade.entryTs + 2 * MINUTE_MS);
    expect(saved.engine.positions.map((p) => p.intentId)).toEqual([trade.intentId]);
    expect(saved.broker!.intents.length).toBe(1);
    expect(await journalDifferences(db, whole.run.runId, resumed)).toEqual([]);
  });

  it('option mode: a crash while an option position is held, resumed, equals the uninterrupted run', async () => {
    const settings = optionSettings();
    const whole = await simulate(db, settings, stateDir(), '2024-04-01', '2024-04-02');
    const trade = whole.journal.trades.find((t) => t.instrument === 'option' && t.holdingMs > 5 * MINUTE_MS)!;
    expect(trade).toBeDefined();
    const date = tradingDateOf(trade.entryTs);
    const { resumed, saved } = await crashAndResume(settings, date, '2024-04-02', trade.entryTs + 3 * MINUTE_MS);
    expect(saved.engine.positions.map((p) => p.instrument.kind)).toEqual(['option']);
    expect(await journalDifferences(db, whole.run.runId, resumed)).toEqual([]);
  });

  it('option mode priced from realised volatility: the resumed run rebuilds the window and equals the uninterrupted run', async () => {
    const settings = optionSettings((s) => (s.backtest.pricing.iv_source = 'realized'));
    const whole = await simulate(db, settings, stateDir(), '2024-07-01', '2024-07-02');
    const trade = whole.journal.trades.find((t) => t.instrument === 'option' && tradingDateOf(t.entryTs) === '2024-07-01')!;
    expect(trade).toBeDefined();
    const { resumed } = await crashAndResume(settings, '2024-07-01', '2024-07-02', trade.entryTs + 3 * MINUTE_MS);
    expect(await journalDifferences(db, whole.run.runId, resumed)).toEqual([]);
  });

  it('a crash after the daily loss guard fired: the guard survives the restart and the rest of the day matches', async () => {
    const settings = stockSettings((s) => (s.risk.max_daily_loss_pct = 0.001));
    const date = '2024-08-01';
    const whole = await simulate(db, settings, stateDir(), date);
    const j = await loadRun(db, whole.run.runId);
    const halt = j.riskDecisions.find((r) => r.kind === 'guard-halt')!;
    expect(halt).toBeDefined();
    const { resumed, saved } = await crashAndResume(settings, date, date, halt.ts + 20 * MINUTE_MS);
    expect(saved.engine.day).toMatchObject({ date, halted: true });
    expect(await journalDifferences(db, whole.run.runId, resumed)).toEqual([]);
    // After the restart entries are still refused by the guard.
    const after = (await loadRun(db, resumed)).riskDecisions.filter((r) => r.ts > halt.ts + 20 * MINUTE_MS && r.kind === 'entry');
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((r) => !r.approved && r.reason.includes('halted: daily loss guard'))).toBe(true);
  });

  it('refuses to resume what did not crash, and to rerun a day that has a state without --resume', async () => {
    const settings = stockSettings();
    const state = stateDir();
    await expect(simulate(db, settings, state, '2024-07-01', '2024-07-01', { resume: true })).rejects.toThrow(/nothing to resume: the state in .* is empty/);
    await simulate(db, settings, state, '2024-07-01');
    await expect(simulate(db, settings, state, '2024-07-01', '2024-07-01', { resume: true })).rejects.toThrow(/already ran to its close/);
    await expect(simulate(db, settings, state, '2024-07-01')).rejects.toThrow(/continue a crashed 2024-07-01 with --resume, or start over with `optbot state reset --confirm/);
  });

  it('a whale cooldown survives the restart between two days (two separate runs sharing the state dir)', async () => {
    const settings = stockSettings();
    const state = stateDir();
    const day1 = await loadRun(db, (await simulate(db, settings, state, '2024-04-04')).run.runId);
    expect(day1.signals.some((s) => s.strategy === 'whale' && s.action !== 'HOLD')).toBe(true);
    const day2 = await loadRun(db, (await simulate(db, settings, state, '2024-04-05')).run.runId);
    const whale = day2.signals.filter((s) => s.strategy === 'whale');
    expect(whale.length).toBeGreaterThan(0);
    for (const s of whale) expect(s.reasons.join(' ')).toContain('cooldown after the whale signal of 2024-04-04');
  });
});
