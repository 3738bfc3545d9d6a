import { describe, expect, it } from 'vitest';
import type { Bar } from '../../src/core/bar.js';
import { MINUTE_MS } from '../../src/core/time.js';
import type { ClosedBarsOptions, MarketDataPort } from '../../src/runtime/market-data-port.js';
import { IbConnectError } from '../../src/venues/ib/ib-errors.js';
import { LiveFeed } from '../../src/venues/ib/live-feed.js';
import { testLogger } from '../ib/helpers.js';

const T0 = Date.UTC(2024, 3, 1, 14, 0);
const bar = (i: number): Bar => ({ ts: T0 + i * MINUTE_MS, open: 1, high: 1, low: 1, close: 100 + i, volume: 1 });
const BARS = Array.from({ length: 120 }, (_, i) => bar(i));

/** IB's bars as the market-data port serves them, counting requests; `down` makes every request fail as a lost connection. */
function port() {
  const calls: { asOf: number; lookbackSeconds: number }[] = [];
  const p = {
    down: false,
    calls,
    async closedBars(_s: string, asOf: number, opts: ClosedBarsOptions = {}) {
      if (p.down) throw new IbConnectError('closed', 'not connected to IB Gateway at 127.0.0.1:4002');
      calls.push({ asOf, lookbackSeconds: opts.lookbackSeconds ?? 3600 });
      return BARS.filter((b) => b.ts >= asOf - (opts.lookbackSeconds ?? 3600) * 1000 && b.ts + MINUTE_MS <= asOf);
    },
    quote: async () => null,
    optionCandidates: async () => ({ kind: 'skip' as const, reason: '' }),
  };
  return p as typeof p & MarketDataPort;
}

describe('the live feed', () => {
  it('a lost minute is logged as missed, yields no bars and tells the hook; the run goes on', async () => {
    const ib = port();
    const { log, named } = testLogger();
    const seen: [number, number, boolean][] = [];
    const feed = new LiveFeed(ib, log, async (_s, t, _b, spot, ok) => void seen.push([t, spot, ok]));
    expect(await feed.closedBars('SPY', T0 + 3 * MINUTE_MS, { lookbackSeconds: 60 })).toEqual([bar(2)]);
    ib.down = true;
    expect(await feed.closedBars('SPY', T0 + 4 * MINUTE_MS, { lookbackSeconds: 60 })).toEqual([]);
    expect(named('live.minute-missed')).toHaveLength(1);
    // The spot stays the last close known.
    expect(seen).toEqual([
      [T0 + 3 * MINUTE_MS, 102, true],
      [T0 + 4 * MINUTE_MS, 102, false],
    ]);
  });

  it('catching up after a restart: the missed minutes come from one request, each minute still gets only its own bar', async () => {
    const ib = port();
    const { log, named } = testLogger();
    const now = T0 + 100 * MINUTE_MS + 5_000;
    const feed = new LiveFeed(ib, log, async () => {}, () => now);
    for (let m = 31; m <= 100; m++) expect(await feed.closedBars('SPY', T0 + m * MINUTE_MS, { lookbackSeconds: 60 })).toEqual([bar(m - 1)]);
    // Minutes 31…98 are more than 2 minutes old: one request covers them; 99 and 100 are asked on their own.
    expect(ib.calls).toEqual([
      { asOf: T0 + 100 * MINUTE_MS, lookbackSeconds: 70 * 60 },
      { asOf: T0 + 99 * MINUTE_MS, lookbackSeconds: 60 },
      { asOf: T0 + 100 * MINUTE_MS, lookbackSeconds: 60 },
    ]);
    expect(named('live.catch-up')).toHaveLength(1);
  });
});
