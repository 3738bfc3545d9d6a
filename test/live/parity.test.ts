import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/duckdb/database.js';
import { loadRun } from '../../src/journal/journal-reader.js';
import { BarStore } from '../../src/venues/history/bar-store.js';
import { failOnDecodeErrors } from '../support/fake-gateway/client-errors.js';
import { hasSharedData, sharedFile } from '../support/shared-data.js';
import { tempDir } from '../support/tmp.js';
import { backtest } from '../simulate/rehearsal-support.js';
import { clockAtOpen, dayBars, liveDay, liveDifferences, liveSettings, sessionGateway } from './live-support.js';

const errors = failOnDecodeErrors();

/*
 * Parity: `optbot live` in dry-run against a fake gateway serving a stored real session (its
 * bars, and option quotes from the backtest's own model at the simulated clock) journals the
 * same signals, risk decisions, orders and fills as `optbot backtest` of that session, run on
 * the bars live recorded (source ib-live): the replay workflow of a live day.
 */
describe.skipIf(!hasSharedData)('live dry-run = backtest on a real session (spy_1min_2024-03-26_2025-04-02)', () => {
  const dir = tempDir();
  let gatewayStore: BarStore;
  let n = 0;

  beforeAll(async () => {
    // The gateway's world: its own file, as IB's data is not the bot's.
    const db = await openDatabase(join(dir, 'gateway.duckdb'));
    gatewayStore = await BarStore.fromDatabase(db);
    await gatewayStore.ingestFiles([sharedFile('spy_1min_2024-03-26_2025-04-02.csv.gz')], { symbol: 'SPY', barSize: '1m', tz: 'America/New_York', stamp: 'start', onConflict: 'keep' });
    return () => db.close();
  });

  for (const instrument of ['option', 'stock'] as const) {
    it(`2024-07-01 in ${instrument} mode`, async () => {
      const settings = liveSettings((s) => (s.backtest.instrument = instrument));
      const clock = clockAtOpen('2024-07-01');
      const gateway = await sessionGateway(await dayBars(gatewayStore, '2024-07-01'), settings, clock, '2024-07-01');
      const db: Database = await openDatabase(join(dir, `live-${++n}.duckdb`));
      try {
        const live = await liveDay(db, settings, gateway, clock, join(dir, `state-${n}`), errors);
        expect(live.end).toBe('closed');
        const j = await loadRun(db, live.run.runId);
        expect(j.run.mode).toBe('live-dry-run');
        expect(j.fills.length).toBeGreaterThan(0);
        expect(gateway.orderMessages()).toEqual([]);
        // Every bar live saw is in its store, so the day replays.
        const recorded = await (await BarStore.fromDatabase(db)).series();
        expect(recorded.find((s) => s.symbol === 'SPY')?.sources).toEqual(['ib-live']);
        const bt = await backtest(db, settings, '2024-07-01', '2024-07-01');
        expect(await liveDifferences(db, bt, live.run.runId)).toEqual([]);
      } finally {
        db.close();
        await gateway.stop();
      }
    }, 60_000);
  }
});
