import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sessionsBetween } from '../../src/calendar/index.js';
import { openDatabase } from '../../src/duckdb/database.js';
import { loadRun } from '../../src/journal/journal-reader.js';
import { BarStore } from '../../src/venues/history/bar-store.js';
import { syntheticMinuteBars } from '../../src/venues/history/synthetic-sample.js';
import { failOnDecodeErrors } from '../support/fake-gateway/client-errors.js';
import { tempDir } from '../support/tmp.js';
import { clockAtOpen, liveDay, liveSettings, sessionGateway } from './live-support.js';

const errors = failOnDecodeErrors();
const DATE = '2025-12-30';

/*
 * A config backtested with `iv_source: vix` goes live unchanged: live's options model (which
 * shapes each minute's marks around the live quotes) prices from the stored VIX.
 */
describe('optbot live with backtest.pricing.iv_source: vix', () => {
  const dir = tempDir();

  it('refuses before connecting when the store has no VIX, then runs on the stored VIX, saying when it is stale', async () => {
    const settings = liveSettings((s) => {
      s.backtest.pricing.iv_source = 'vix';
      s.strategy.scalp.min_confidence = 0.3;
    });
    const clock = clockAtOpen(DATE);
    // The gateway's own world prices its quotes at the fixed IV.
    const gateway = await sessionGateway(syntheticMinuteBars({ sessions: 2, endDate: DATE }), liveSettings(), clock, DATE);
    const db = await openDatabase(join(dir, 'live.duckdb'));
    try {
      await expect(liveDay(db, settings, gateway, clock, join(dir, 'refused'), errors)).rejects.toThrow(/no 1d bars of VIX/);
      expect(gateway.sessionsOpened).toBe(0);

      // Daily VIX closes of the first half of December: the latest is 10 sessions before the day.
      const days = sessionsBetween('2025-12-01', '2025-12-15');
      const ts = Float64Array.from(days, (d) => d.open);
      const closes = new Float64Array(ts.length).fill(30);
      await (await BarStore.fromDatabase(db)).insertBars('VIX', '1d', 'test', { ts, open: closes, high: closes, low: closes, close: closes, volume: new Float64Array(ts.length), length: ts.length }, 'keep');
      const live = await liveDay(db, settings, gateway, clock, join(dir, 'state'), errors);
      expect(live.end).toBe('closed');
      const j = await loadRun(db, live.run.runId);
      expect(j.fills.length).toBeGreaterThan(0);
      expect(j.logs.find((l) => l.event === 'live.vix-stale')?.msg).toMatch(/latest stored VIX 1d bar is of 2025-12-15, more than 5 sessions ago/);
      expect(gateway.orderMessages()).toEqual([]);
    } finally {
      db.close();
      await gateway.stop();
    }
  }, 60_000);
});
