import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sessionOn } from '../../src/calendar/index.js';
import { openDatabase } from '../../src/duckdb/database.js';
import { SimulatedClock } from '../../src/runtime/clock.js';
import { readHeartbeat } from '../../src/runtime/heartbeat.js';
import { syntheticMinuteBars } from '../../src/venues/history/synthetic-sample.js';
import { failOnDecodeErrors } from '../support/fake-gateway/client-errors.js';
import type { FakeGateway } from '../support/fake-gateway/fake-gateway.js';
import { fixtureBarSource } from '../support/fake-gateway/fixtures.js';
import { tempDir } from '../support/tmp.js';
import { clockAtOpen, liveDay, liveSettings, sessionGateway } from './live-support.js';

const errors = failOnDecodeErrors();
const DATE = '2025-12-30';
const MIN = 60_000;

/*
 * The dry-run guarantee end to end: a whole dry-run session in option mode, with entries, a
 * Gateway hard reset in the middle (reconnect, missed minutes) and the daily loss guard halting
 * and flattening, leaves not one order message in the fake gateway's record.
 */
describe('a dry-run session against the fake gateway', () => {
  const dir = tempDir();

  it('trades, reconnects, halts on the guard, and never sends an order message', async () => {
    const settings = liveSettings((s) => {
      s.risk.max_daily_loss_pct = 0.0005;
      s.strategy.scalp.min_confidence = 0.3;
      s.logging.heartbeat_seconds = 600;
    });
    const spy = syntheticMinuteBars({ sessions: 2, endDate: DATE });
    // Started half an hour before the open: it waits, alive.
    const clock = new SimulatedClock(sessionOn(DATE)!.open - 30 * MIN, 'max');
    const dropAt = sessionOn(DATE)!.open + 120 * MIN;
    let gateway: FakeGateway | null = null;
    const served = fixtureBarSource({ SPY: spy });
    // A Gateway hard reset when the 11:30 bars are asked for: the reply never arrives.
    const bars = {
      bars(symbol: string, from: number, to: number) {
        if (to === dropAt) gateway!.resetConnections();
        return served.bars(symbol, from, to);
      },
    };
    gateway = await sessionGateway(spy, settings, clock, DATE, { fixtures: { bars } });
    const db = await openDatabase(join(dir, 'live.duckdb'));
    try {
      const stateDir = join(dir, 'state');
      const live = await liveDay(db, settings, gateway, clock, stateDir, errors);
      expect(live.end).toBe('closed');
      const logs = live.journal.tables().logs;
      const events = (name: string) => logs.filter((l) => l.event === name);
      const open = sessionOn(DATE)!.open;
      expect(events('heartbeat').filter((l) => l.ts < open).map((l) => (l.ts - open) / MIN)).toEqual([-30, -20, -10]);
      expect(gateway.sessionsOpened).toBeGreaterThanOrEqual(2);
      expect(events('ib.reconnected').length).toBeGreaterThanOrEqual(1);
      expect(events('live.minute-missed').length).toBeGreaterThanOrEqual(1);
      expect(events('dry-run.place').length).toBeGreaterThanOrEqual(1);
      expect(events('dry-run.place')[0]!.msg).toMatch(/^Dry-run: would place BUY \d+ SPY \d{4}-\d{2}-\d{2} \d+[CP] LMT [\d.]+ \(take-profit LMT [\d.]+, stop STP [\d.]+, OCA .+\), orderRef optbot:live-\d+:.+-P$/);
      expect(live.journal.riskDecisions.some((r) => r.kind === 'guard-halt')).toBe(true);
      expect(live.journal.fills.length).toBeGreaterThan(0);
      expect(existsSync(join(stateDir, 'daily-state.json'))).toBe(true);
      const hb = readHeartbeat(stateDir);
      expect(hb.status === 'ok' && hb.heartbeat.mode).toBe('dry-run');
      // The guarantee: nothing that acts on orders ever reached the Gateway.
      expect(gateway.orderMessages()).toEqual([]);
      expect(gateway.received.length).toBeGreaterThan(390);
    } finally {
      db.close();
      await gateway.stop();
    }
  }, 30_000);
});

describe('a session with real orders (dry_run: false and --place-orders) against the fake gateway', () => {
  const dir = tempDir();

  it('places brackets through the IB broker, reconciles at the start, journals mode live', async () => {
    const settings = liveSettings((s) => {
      s.dry_run = false;
      s.strategy.scalp.min_confidence = 0.3;
    });
    const spy = syntheticMinuteBars({ sessions: 2, endDate: DATE });
    const clock = clockAtOpen(DATE);
    const gateway = await sessionGateway(spy, settings, clock, DATE, { fixtures: { nextOrderId: 5000 } });
    const db = await openDatabase(join(dir, 'live.duckdb'));
    try {
      const live = await liveDay(db, settings, gateway, clock, join(dir, 'state'), errors, { placeOrders: true });
      expect(live.run.mode).toBe('live');
      const logs = live.journal.tables().logs;
      expect(logs.find((l) => l.event === 'ib.reconcile')?.msg).toBe('reconciliation: 0 working order(s) adopted, 0 missed fill(s) applied');
      const placed = gateway.messages('PLACE_ORDER').map((m) => m.fields);
      expect(placed.length).toBeGreaterThanOrEqual(3);
      // Parent, take-profit, stop: only the stop transmits, ids from nextValidId upwards.
      expect(placed.slice(0, 3).map((f) => [f[0], f[26]])).toEqual([
        ['5000', '0'],
        ['5001', '0'],
        ['5002', '1'],
      ]);
      expect(placed[0]![25]).toMatch(new RegExp(`^optbot:${live.run.runId}:SPY-\\d{8}T\\d{6}Z-P$`));
      // Nobody fills at the fake gateway: the unfilled parent is cancelled after 60 s, at IB.
      expect(gateway.messages('CANCEL_ORDER')[0]!.fields[0]).toBe('5000');
      expect(live.journal.orders.some((o) => o.status === 'cancelled' && o.reason === 'IB: Cancelled')).toBe(true);
    } finally {
      db.close();
      await gateway.stop();
    }
  }, 30_000);
});
