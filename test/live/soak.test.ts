import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sessionOn } from '../../src/calendar/index.js';
import { openDatabase } from '../../src/duckdb/database.js';
import { SimulatedClock } from '../../src/runtime/clock.js';
import { isCycleTime, planSession } from '../../src/engine/session-clock.js';
import { syntheticMinuteBars } from '../../src/venues/history/synthetic-sample.js';
import { failOnDecodeErrors } from '../support/fake-gateway/client-errors.js';
import type { FakeGateway } from '../support/fake-gateway/fake-gateway.js';
import { fixtureBarSource } from '../support/fake-gateway/fixtures.js';
import { tempDir } from '../support/tmp.js';
import { liveDay, liveSettings, sessionGateway } from './live-support.js';

const errors = failOnDecodeErrors();
const MIN = 60_000;

/*
 * Soak: a whole session (6.5 simulated hours) of live dry-run in option mode with the Gateway
 * dropping every connection every 45 simulated minutes. Every cycle is logged, the ones whose bars
 * were lost to a drop are logged as missed, and memory does not grow with the hours.
 */
describe('soak: simulated hours of live dry-run with periodic drops', () => {
  const dir = tempDir();

  it('logs every cycle, names the missed ones, and keeps memory bounded', async () => {
    const settings = liveSettings();
    const first = sessionOn('2025-12-30')!;
    const spy = syntheticMinuteBars({ sessions: 2, endDate: first.date });
    // Paced (6000×: a minute takes 10 ms) so a reconnect costs a few simulated minutes, as it would live.
    const clock = new SimulatedClock(first.open, 6000);
    let gateway: FakeGateway | null = null;
    const served = fixtureBarSource({ SPY: spy });
    const drops: number[] = [];
    const bars = {
      bars(symbol: string, from: number, to: number) {
        if ((to - first.open) % (45 * MIN) === 0 && to > first.open && to < first.close && to - from === MIN) {
          drops.push(to);
          gateway!.resetConnections();
        }
        return served.bars(symbol, from, to);
      },
    };
    gateway = await sessionGateway(spy, settings, clock, first.date, { fixtures: { bars } });
    const db = await openDatabase(join(dir, 'soak.duckdb'));
    const heapBefore = process.memoryUsage().heapUsed;
    const rssBefore = process.memoryUsage.rss();
    try {
      const live = await liveDay(db, settings, gateway, clock, join(dir, 'state'), errors);
      expect(live.sessions).toBe(1);
      const logs = live.journal.tables().logs;
      const plan = planSession(first, settings.schedule);
      const cycleTimes = Array.from({ length: 390 }, (_, i) => first.open + (i + 1) * MIN).filter((t) => isCycleTime(plan, t));
      // One cycle line per cycle, none lost…
      expect(logs.filter((l) => l.event === 'cycle').map((l) => l.ts)).toEqual(cycleTimes);
      // …and the drops: 8 (every 45 minutes), each costing the minutes until the reconnect, all logged as missed.
      expect(drops).toHaveLength(8);
      expect(gateway.sessionsOpened).toBe(9);
      const missed = logs.filter((l) => l.event === 'live.minute-missed').map((l) => l.ts);
      for (const t of drops) expect(missed).toContain(t);
      for (const t of missed) expect(drops.some((d) => t >= d && t < d + 10 * MIN), `minute ${new Date(t).toISOString()} missed far from any drop`).toBe(true);
      expect(logs.filter((l) => l.event === 'live.cycle-missed').map((l) => l.ts)).toEqual(missed.filter((t) => cycleTimes.includes(t)));
      expect(gateway.orderMessages()).toEqual([]);
      const heapAfter = process.memoryUsage().heapUsed;
      const rssAfter = process.memoryUsage.rss();
      console.info(`soak: heap ${(heapBefore / 1e6).toFixed(1)} → ${(heapAfter / 1e6).toFixed(1)} MB, RSS ${(rssBefore / 1e6).toFixed(1)} → ${(rssAfter / 1e6).toFixed(1)} MB over 6.5 simulated hours`);
      expect(heapAfter - heapBefore).toBeLessThan(64e6);
    } finally {
      db.close();
      await gateway.stop();
    }
  }, 90_000);
});
