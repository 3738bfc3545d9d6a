import { beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/config/schema.js';
import type { Signal } from '../../src/core/signal.js';
import { MINUTE_MS } from '../../src/core/time.js';
import { createStrategies } from '../../src/strategy/index.js';
import { hasSharedData } from '../support/shared-data.js';
import { replay, withSessions, type Replay } from './replay.js';
import { readMinuteBars, SPY_YEAR_FILE, type MinuteSeries } from './spy-minutes.js';

/** August 2024 (22 sessions, the 5 August volatility spike included) of the real 1-minute file. */
function month(year: MinuteSeries, prefix: string): MinuteSeries {
  const idx = year.date.flatMap((d, i) => (d.startsWith(prefix) ? [i] : []));
  const [a, b] = [idx[0]!, idx[idx.length - 1]! + 1];
  const cols = { ts: year.ts, open: year.open, high: year.high, low: year.low, close: year.close, volume: year.volume };
  const sliced = Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, v.slice(a, b)])) as typeof cols;
  return { ...sliced, length: b - a, date: year.date.slice(a, b) };
}

/** Every price ×1.05 (a jump both EMAs, RSI, VWAP and the whale's move see) and every volume ×20 from bar `k` on. */
function perturbFrom(m: MinuteSeries, k: number): MinuteSeries {
  const c = { ...m, open: m.open.slice(), high: m.high.slice(), low: m.low.slice(), close: m.close.slice(), volume: m.volume.slice() };
  for (let i = k; i < m.length; i++) {
    c.open[i]! *= 1.05;
    c.high[i]! *= 1.05;
    c.low[i]! *= 1.05;
    c.close[i]! *= 1.05;
    c.volume[i]! *= 20;
  }
  return c;
}

const strategies = createStrategies(defaultSettings());
const initialStates = (): unknown[] => strategies.map((s) => s.initialState('SPY'));
const run = (r: Replay, to?: number): Signal[] => replay(strategies, r, initialStates(), 0, to);

describe.skipIf(!hasSharedData)('no look-ahead over a real month (August 2024, whale + scalp at every 5-minute cycle)', () => {
  let aug: Replay;
  let reference: Signal[];
  beforeAll(() => {
    aug = withSessions(month(readMinuteBars(SPY_YEAR_FILE), '2024-08'));
    reference = run(aug);
  });

  it('the month gives every kind of signal, and the same signals on a second run', () => {
    expect(aug.bars.length).toBe(22 * 390);
    expect(reference).toHaveLength(22 * 78 * strategies.length);
    const kinds = new Set(reference.map((s) => `${s.strategy}:${s.action}`));
    for (const k of ['scalp:BUY', 'scalp:SELL', 'scalp:HOLD', 'whale:HOLD']) expect(kinds).toContain(k);
    expect(kinds.has('whale:BUY') || kinds.has('whale:SELL')).toBe(true);
    expect(JSON.stringify(run(aug))).toBe(JSON.stringify(reference));
  });

  it('changing every bar that closes after t changes no signal at or before t', () => {
    const first = aug.bars.ts[0]!;
    const last = aug.bars.ts[aug.bars.length - 1]! + MINUTE_MS;
    let changedLater = 0;
    const cuts = 48;
    for (let k = 1; k <= cuts; k++) {
      // Cut points spread over the month, on and between cycles and minutes (t need not be a bar boundary).
      const t = first + Math.floor(((last - first) * k) / (cuts + 1)) + (k % 3) * 150_000 + (k % 2) * 20_000;
      const from = aug.bars.ts.findIndex((ts) => ts + MINUTE_MS > t);
      // Re-run up to two hours of bars past the cut: enough to see the perturbation matter.
      const to = Math.min(aug.bars.length, from + 120);
      const perturbed = run({ bars: perturbFrom(aug.bars, from), sessions: aug.sessions }, to);
      const upTo = reference.filter((s) => s.ts <= t).length;
      expect(JSON.stringify(perturbed.slice(0, upTo)), `cut at ${new Date(t).toISOString()}`).toBe(JSON.stringify(reference.slice(0, upTo)));
      if (JSON.stringify(perturbed.slice(upTo)) !== JSON.stringify(reference.slice(upTo, perturbed.length))) changedLater++;
    }
    // The perturbation is strong enough to matter: later signals do change.
    expect(changedLater).toBe(cuts);
  });

  it('a state persisted as JSON and restored continues exactly like the original', () => {
    const mid = aug.bars.date.indexOf('2024-08-15') + 137; // mid-session, mid-cycle
    const states = initialStates();
    const before = replay(strategies, aug, states, 0, mid);
    const restored = JSON.parse(JSON.stringify(states)) as unknown[];
    expect(restored).toEqual(states); // no NaN, Infinity or class instance lost on the way
    const after = replay(strategies, aug, restored, mid);
    expect(JSON.stringify([...before, ...after])).toBe(JSON.stringify(reference));
  });
});
