import { afterEach, describe, expect, it } from 'vitest';
import type { IbConnection } from '../../src/venues/ib/ib-connection.js';
import { currentTime } from '../../src/venues/ib/ib-requests.js';
import { RateLimiter } from '../../src/venues/ib/rate-limiter.js';
import type { Timers } from '../../src/venues/ib/timers.js';
import { failOnDecodeErrors } from '../support/fake-gateway/client-errors.js';
import { FakeGateway } from '../support/fake-gateway/fake-gateway.js';
import { connectionTo, testLogger } from './helpers.js';

/** Timers driven by hand: `advance` runs what falls due, in order. */
function manualTimers(): Timers & { advance(ms: number): void } {
  let now = 0;
  let pending: { at: number; fn: () => void; id: number }[] = [];
  let ids = 0;
  return {
    now: () => now,
    setTimeout: (fn, ms) => {
      pending.push({ at: now + ms, fn, id: ++ids });
      return ids;
    },
    clearTimeout: (h) => (pending = pending.filter((p) => p.id !== h)),
    advance(ms) {
      const end = now + ms;
      for (;;) {
        pending.sort((a, b) => a.at - b.at || a.id - b.id);
        const next = pending[0];
        if (!next || next.at > end) break;
        pending.shift();
        now = next.at;
        next.fn();
      }
      now = end;
    },
  };
}

describe('rate limiter', () => {
  it('spaces tasks evenly, `limit` per window, in order', () => {
    const timers = manualTimers();
    const limiter = new RateLimiter(4, 1000, timers);
    const ran: [number, number][] = [];
    for (let i = 0; i < 6; i++) limiter.run(() => ran.push([i, timers.now()]));
    expect(limiter.waiting).toBe(5);
    timers.advance(5000);
    expect(ran).toEqual([
      [0, 0],
      [1, 250],
      [2, 500],
      [3, 750],
      [4, 1000],
      [5, 1250],
    ]);
    limiter.run(() => ran.push([6, timers.now()])); // after a pause, the next task goes at once
    expect(ran.at(-1)).toEqual([6, 5000]);
  });
});

const errors = failOnDecodeErrors();
let gateway: FakeGateway;
let conn: IbConnection | undefined;

afterEach(async () => {
  conn?.close();
  await gateway?.stop();
});

describe('rate limit on the wire', () => {
  it('a burst of requests never exceeds the configured rate at the gateway', async () => {
    const LIMIT = 20;
    gateway = await FakeGateway.start();
    conn = connectionTo(gateway, errors, testLogger().log, { maxMessagesPerSecond: LIMIT });
    await conn.connect();
    const session = conn.session;
    const answers = await Promise.all(Array.from({ length: 40 }, () => currentTime(session)));
    expect(answers).toHaveLength(40);
    const at = gateway.messages('REQ_CURRENT_TIME').map((m) => m.at);
    expect(at).toHaveLength(40);
    // LIMIT+1 consecutive messages always span (almost) a second: the slack only absorbs socket jitter.
    const tightest = Math.min(...at.slice(LIMIT).map((t, i) => t - at[i]!));
    expect(tightest).toBeGreaterThanOrEqual(900);
    // So no second on the wire carries more than the limit, give or take a message of socket jitter.
    expect(Math.max(...at.map((t) => at.filter((u) => u >= t && u < t + 1000).length))).toBeLessThanOrEqual(LIMIT + 2);
  });
});
