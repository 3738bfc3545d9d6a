import { describe, expect, it } from 'vitest';
import { HistoricalPacer, IB_HISTORICAL_PACING, type PacedRequest } from '../../src/venues/ib/historical-pacer.js';
import { virtualClock } from './fetch-virtual-clock.js';

const T0 = 1_700_000_000_000;
const req = (contract: string, key: string): PacedRequest => ({ contract, key });

/** Acquires each request in turn; returns the (virtual) instants they were let through, relative to T0. */
async function sendTimes(pacer: HistoricalPacer, clock: { now(): number }, reqs: PacedRequest[]): Promise<number[]> {
  const out: number[] = [];
  for (const r of reqs) {
    await pacer.acquire(r);
    out.push(clock.now() - T0);
  }
  return out;
}

describe('historical pacer (IB rules, virtual clock)', () => {
  const slack = IB_HISTORICAL_PACING.slackMs;

  it('lets 6 requests for one contract through at once, then holds the 7th until 2 s after the first', async () => {
    const clock = virtualClock(T0);
    const pacer = new HistoricalPacer(clock);
    const at = await sendTimes(pacer, clock, Array.from({ length: 8 }, (_, i) => req('SPY', `SPY|day${i}`)));
    expect(at).toEqual([0, 0, 0, 0, 0, 0, 2000 + slack, 2000 + slack]);
  });

  it('another contract is not held by the first one’s limit', async () => {
    const clock = virtualClock(T0);
    const pacer = new HistoricalPacer(clock);
    const reqs = [...Array.from({ length: 6 }, (_, i) => req('SPY', `SPY|${i}`)), req('QQQ', 'QQQ|0')];
    expect(await sendTimes(pacer, clock, reqs)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('holds an identical request for 15 s', async () => {
    const clock = virtualClock(T0);
    const pacer = new HistoricalPacer(clock);
    expect(await sendTimes(pacer, clock, [req('SPY', 'same'), req('SPY', 'other'), req('SPY', 'same')])).toEqual([0, 0, 15_000 + slack]);
  });

  it('never lets more than 60 through in any 10 minutes', async () => {
    const clock = virtualClock(T0);
    const pacer = new HistoricalPacer(clock);
    const at = await sendTimes(pacer, clock, Array.from({ length: 130 }, (_, i) => req(`C${i % 20}`, `k${i}`)));
    for (let i = 0; i + 60 < at.length; i++) expect(at[i + 60]! - at[i]!).toBeGreaterThanOrEqual(600_000);
    expect(at[59]).toBe(0);
    expect(at[60]).toBe(600_000 + slack);
    expect(at[120]).toBe(2 * (600_000 + slack));
  });

  it('nextSlot names the rule that holds a request longest, without counting the request', async () => {
    const clock = virtualClock(T0);
    const pacer = new HistoricalPacer(clock, { ...IB_HISTORICAL_PACING, slackMs: 0 });
    expect(pacer.nextSlot(req('SPY', 'a'))).toEqual({ delayMs: 0, rule: null });
    expect(pacer.nextSlot(req('SPY', 'a'))).toEqual({ delayMs: 0, rule: null });
    await sendTimes(pacer, clock, Array.from({ length: 6 }, (_, i) => req('SPY', `k${i}`)));
    expect(pacer.nextSlot(req('SPY', 'new'))).toEqual({ delayMs: 2000, rule: 'at most 6 requests for one contract per 2 s' });
    expect(pacer.nextSlot(req('SPY', 'k5'))).toEqual({ delayMs: 15_000, rule: 'no identical request within 15 s' });
    expect(pacer.nextSlot(req('QQQ', 'q'))).toEqual({ delayMs: 0, rule: null });
  });
});
