import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sessionOn } from '../../src/calendar/index.js';
import { MINUTE_MS } from '../../src/core/time.js';
import { marketFor } from '../../src/backtest/market-for.js';
import { openDatabase } from '../../src/duckdb/database.js';
import { Engine } from '../../src/engine/engine.js';
import { JournalBuffer } from '../../src/journal/journal-buffer.js';
import { Logger } from '../../src/logging/logger.js';
import { MemorySink } from '../../src/logging/memory-sink.js';
import { SimulatedClock } from '../../src/runtime/clock.js';
import type { MarketDataPort } from '../../src/runtime/market-data-port.js';
import { MinuteStepper } from '../../src/runtime/minute-step.js';
import { RunLoop, type LoopVitals } from '../../src/runtime/run-loop.js';
import { TrackedDailyState } from '../../src/runtime/tracked-daily-state.js';
import { createStrategies } from '../../src/strategy/registry.js';
import { BarStore } from '../../src/venues/history/bar-store.js';
import type { IbMarketData } from '../../src/venues/ib/ib-market-data.js';
import { ReplayFeed } from '../../src/venues/replay/replay-feed.js';
import { syntheticMinuteBars } from '../../src/venues/history/synthetic-sample.js';
import { SimBroker } from '../../src/venues/sim/sim-broker.js';
import { tempDir } from '../support/tmp.js';
import { stockSettings } from '../simulate/rehearsal-support.js';

// The IB venue serves the same port as the replay (checked by the type checker).
const ibIsAPort = (ib: IbMarketData): MarketDataPort => ib;
void ibIsAPort;

const DATE = '2025-12-29';
const session = sessionOn(DATE)!;
const settings = stockSettings();

describe('run loop and replay feed (synthetic sample)', () => {
  const dir = tempDir();
  let store: BarStore;

  beforeAll(async () => {
    const db = await openDatabase(join(dir, 'loop.duckdb'));
    store = await BarStore.fromDatabase(db);
    await store.insertBars('SPY', '1m', 'synthetic', syntheticMinuteBars({ sessions: 3 }), 'keep');
    return () => db.close();
  });

  it('the replay feed serves a bar only once the clock has passed its close, and never answers for the future', async () => {
    const clock = new SimulatedClock(session.open, 'max');
    const feed = new ReplayFeed(store, clock);
    expect((await feed.openSession(session, ['SPY'])).SPY).toBe(390);
    expect(await feed.closedBars('SPY', session.open)).toEqual([]);
    expect(await feed.quote('SPY')).toBeNull();
    clock.jumpTo(session.open + 90_000);
    const bars = await feed.closedBars('SPY', clock.now());
    expect(bars.map((b) => b.ts)).toEqual([session.open]);
    expect(await feed.quote('SPY')).toMatchObject({ ts: clock.now(), bid: bars[0]!.close, ask: bars[0]!.close, last: bars[0]!.close });
    await expect(feed.closedBars('SPY', clock.now() + MINUTE_MS)).rejects.toThrow(/the replay never serves the future/);
    clock.jumpTo(session.open + 30 * MINUTE_MS);
    expect((await feed.closedBars('SPY', clock.now(), { lookbackSeconds: 120 })).map((b) => (b.ts - session.open) / MINUTE_MS)).toEqual([28, 29]);
    expect(await feed.optionCandidates('SPY', () => [])).toMatchObject({ kind: 'skip', reason: 'skip this cycle because the replay prices no options (stock mode)' });
  });

  it('in option mode the replay serves the synthetic chain through the port: candidates the shared pick chose, quoted', async () => {
    const clock = new SimulatedClock(session.open + 30 * MINUTE_MS, 'max');
    const feed = new ReplayFeed(store, clock, { pricing: settings.backtest.pricing });
    await feed.openSession(session, ['SPY']);
    const spot = (await feed.quote('SPY'))!;
    const outcome = await feed.optionCandidates('SPY', (chain, underlying) => {
      const strike = chain.strikes.reduce((best, k) => (Math.abs(k - underlying.last) < Math.abs(best - underlying.last) ? k : best));
      return [{ underlying: 'SPY', expiry: chain.expirations[0]!, strike, right: 'C', multiplier: chain.multiplier }];
    });
    expect(outcome.kind).toBe('candidates');
    if (outcome.kind !== 'candidates') return;
    expect(outcome.underlying).toEqual(spot);
    expect(outcome.chain.expirations.every((e) => e >= DATE)).toBe(true);
    const [{ contract, quote }] = outcome.candidates as [(typeof outcome.candidates)[number]];
    expect(quote.ask).toBeGreaterThan(quote.bid);
    expect(quote.bid).toBeGreaterThan(0);
    expect(await feed.quote(contract)).toEqual(quote);
    expect(await feed.optionCandidates('SPY', () => [])).toEqual({ kind: 'skip', reason: 'skip this cycle because no SPY option matches the selection rules' });
  });

  it('a stop request: no new cycle, the working entry cancelled, the state saved once more', async () => {
    const clock = new SimulatedClock(session.open, 'max');
    const feed = new ReplayFeed(store, clock);
    await feed.openSession(session, ['SPY']);
    const journal = new JournalBuffer();
    const sink = new MemorySink();
    const log = new Logger({ runId: 'loop', level: 'info', sinks: [sink], now: () => clock.now() });
    const { market, paths } = marketFor(settings);
    let engine: Engine | null = null;
    const daily = new TrackedDailyState(null, null, () => engine!.equity);
    engine = new Engine(settings, { strategies: createStrategies(settings), market, journal, dailyState: daily });
    const stepper = new MinuteStepper(engine, SimBroker.fromSettings(settings.backtest, paths), paths);
    const saves: { asOf: number; pending: number }[] = [];
    const beats: LoopVitals[] = [];
    const loop: RunLoop = new RunLoop({
      clock,
      feed,
      log,
      journal,
      symbols: ['SPY'],
      flushJournal: async () => {},
      heartbeatSeconds: 300,
      onHeartbeat: (v) => beats.push(v),
      saveState: (asOf) => {
        const pending = engine!.snapshot().pendingEntries.length;
        saves.push({ asOf, pending });
        // SIGTERM arrives while an entry is working.
        if (pending > 0) loop.stop('SIGTERM');
      },
    });
    expect(await loop.runSession(session, stepper, daily)).toBe('stopped');
    const last = saves.at(-1)!;
    expect(saves.at(-2)!.pending).toBe(1);
    expect(last).toEqual({ asOf: saves.at(-2)!.asOf, pending: 0 });
    const cancelled = journal.orders.filter((o) => o.status === 'cancelled' && o.role === 'entry');
    expect(cancelled.map((o) => o.reason)).toEqual(['graceful stop (SIGTERM)']);
    expect(journal.signals.every((s) => s.ts <= last.asOf)).toBe(true);
    expect(sink.drain().map((e) => e.event)).toContain('loop.stop');
    // A heartbeat every 5 simulated minutes, counting the cycles run so far.
    expect(beats.length).toBeGreaterThan(0);
    expect(beats.map((b) => b.cycles)).toEqual(beats.map((_, i) => i + 1));
    expect(beats.at(-1)!.lastBarTs).toBeLessThan(last.asOf);
  });
});
