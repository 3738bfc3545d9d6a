import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Position } from '../../src/core/position.js';
import { MemorySink } from '../../src/logging/memory-sink.js';
import { Logger } from '../../src/logging/logger.js';
import { heartbeatAt, readHeartbeat, writeHeartbeat, type RunVitals } from '../../src/runtime/heartbeat.js';
import { logCycle, logHeartbeat } from '../../src/runtime/run-log.js';
import { tempDir } from '../support/tmp.js';

const T0 = Date.UTC(2024, 3, 2, 13, 30); // 09:30 New York (EDT)
const position: Position = {
  intentId: 'i1',
  instrument: { kind: 'option', contract: { underlying: 'SPY', expiry: '2024-04-05', strike: 520, right: 'C', multiplier: 100 } },
  quantity: 3,
  entryPrice: 1.25,
  entryTs: T0 + 35 * 60_000,
  entryFees: 1.95,
};
const vitals: RunVitals = {
  runId: 'live-1',
  mode: 'dry-run',
  startedTs: T0 - 30 * 60_000,
  intervalSeconds: 300,
  cycles: 13,
  lastBarTs: T0 + 64 * 60_000,
  connection: 'connected',
  halted: false,
  haltReason: null,
  positions: [position],
};

describe('heartbeat file', () => {
  const dir = tempDir();

  it('is built from the run vitals, the clock and the process figures', () => {
    const hb = heartbeatAt(T0 + 65 * 60_000, vitals, { pid: 4242, rssBytes: 88 * 1024 * 1024 + 40_000 });
    expect(hb).toEqual({
      ts: T0 + 65 * 60_000,
      pid: 4242,
      run_id: 'live-1',
      mode: 'dry-run',
      heartbeat_interval_s: 300,
      uptime_s: 95 * 60,
      cycles: 13,
      last_bar_ts: T0 + 64 * 60_000,
      connection: 'connected',
      rss_mb: 88,
      in_regular_hours: true,
      halted: false,
      halt_reason: null,
      positions: [{ instrument: 'SPY 2024-04-05 520C', quantity: 3, entry_price: 1.25, entry_ts: T0 + 35 * 60_000 }],
    });
    expect(heartbeatAt(T0 - 60_000, vitals, { pid: 1, rssBytes: 0 }).in_regular_hours).toBe(false);
  });

  it('round-trips through an atomic write that leaves no temp file behind', () => {
    const hb = heartbeatAt(T0, { ...vitals, positions: [] }, { pid: 1, rssBytes: 1 });
    writeHeartbeat(join(dir, 'state'), hb);
    writeHeartbeat(join(dir, 'state'), { ...hb, cycles: 14 });
    expect(readHeartbeat(join(dir, 'state'))).toEqual({ status: 'ok', path: join(dir, 'state', 'heartbeat.json'), heartbeat: { ...hb, cycles: 14 } });
    expect(readdirSync(join(dir, 'state'))).toEqual(['heartbeat.json']);
  });

  it('reports a missing or malformed file instead of throwing', () => {
    expect(readHeartbeat(join(dir, 'nowhere')).status).toBe('missing');
    const bad = join(dir, 'bad');
    writeHeartbeat(bad, heartbeatAt(T0, vitals, { pid: 1, rssBytes: 1 }));
    const file = join(bad, 'heartbeat.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"connected"', '"online"'));
    expect(readHeartbeat(bad)).toMatchObject({ status: 'invalid', problem: expect.stringMatching(/^connection: /) });
    writeFileSync(file, '{"ts": 1,');
    expect(readHeartbeat(bad)).toMatchObject({ status: 'invalid', problem: expect.stringMatching(/^not JSON/) });
  });
});

describe('run log lines', () => {
  it('a cycle line carries symbol, bars, signal, confidence and decision', () => {
    const sink = new MemorySink();
    const log = new Logger({ runId: 'r', level: 'info', sinks: [sink], now: () => T0 });
    logCycle(log, { symbol: 'SPY', bars: 30, signal: 'BUY', confidence: 0.7249, decision: 'enter' });
    logCycle(log, { symbol: 'SPY', bars: 12, signal: 'HOLD', confidence: 0, decision: 'hold', reason: 'insufficient bars' });
    expect(sink.drain()).toEqual([
      { ts: T0, level: 'info', run_id: 'r', event: 'cycle', msg: 'SPY 30 bars BUY 0.72 → enter', symbol: 'SPY', bars: 30, signal: 'BUY', confidence: 0.7249, decision: 'enter' },
      {
        ts: T0, level: 'info', run_id: 'r', event: 'cycle', msg: 'SPY 12 bars HOLD 0.00 → hold (insufficient bars)',
        symbol: 'SPY', bars: 12, signal: 'HOLD', confidence: 0, decision: 'hold', reason: 'insufficient bars',
      },
    ]);
  });

  it('a heartbeat line carries uptime, cycles, last bar age, connection and memory', () => {
    const sink = new MemorySink();
    const log = new Logger({ runId: 'r', level: 'info', sinks: [sink], now: () => T0 });
    logHeartbeat(log, heartbeatAt(T0 + 65 * 60_000, { ...vitals, connection: 'reconnecting' }, { pid: 1, rssBytes: 90 * 1024 * 1024 }));
    expect(sink.drain()).toEqual([
      {
        ts: T0, level: 'info', run_id: 'r', event: 'heartbeat', msg: 'up 1 h 35 min, 13 cycles, last bar 60 s ago, reconnecting, 90 MB',
        uptime_s: 5700, cycles: 13, last_bar_age_s: 60, connection: 'reconnecting', rss_mb: 90, halted: false, positions: 1,
      },
    ]);
  });
});
