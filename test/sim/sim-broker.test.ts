import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/engine/commands.js';
import type { BrokerEvent, SimBroker } from '../../src/venues/sim/sim-broker.js';
import { KEY, T, bracket, flatten, netPnl, simBroker, story } from './fixtures.js';

// Every scenario: 5 contracts, entry limit 2.00, take-profit 2.40, stop 1.80, unless it says
// otherwise. Paths are bids in time order [open, nearer extreme, other extreme, close]; the ask
// is the bid + 0.05. Fees at these premiums (≥ $0.10): 5 × $0.65 = $3.25 a fill (above the $1 minimum).
const SPREAD = 0.05;
const BRACKET = { entry: 2.0, takeProfit: 2.4, stopLoss: 1.8 };

/** Submits the commands at their own times, then runs bars 0..bars-1; returns every event in order. */
function run(broker: SimBroker, bars: number, commands: Command[] = []): BrokerEvent[] {
  const events: BrokerEvent[] = [];
  for (let i = 0; i < bars; i++) {
    for (const c of commands.filter((c) => c.ts === T(i))) events.push(...broker.submit(c));
    events.push(...broker.onBar(T(i), T(i + 1)));
  }
  return events;
}

const ACCEPTED = ['+0s accepted i1:entry', '+0s accepted i1:take-profit', '+0s accepted i1:stop-loss'];

/** Bar 0 fills the parent at the open: ask 1.93 + 0.05 = 1.98 ≤ 2.00, so it pays 1.98 (price improvement). */
const ENTRY_AT_OPEN = [1.93, 1.95, 1.9, 1.94] as const;

describe('SimBroker brackets', () => {
  it('hits its take-profit; the stop is cancelled by OCO', () => {
    const { broker, paths } = simBroker();
    // Bar 0: asks 2.05, 2.10, 1.98, 1.80 — the open is above 2.00, the ask reaches 1.98 later: fill AT the limit
    // 2.00, stamped at the bar's end. The close bid 1.75 is under the stop, but children act only from bar 1.
    paths.set(KEY, T(0), [2.0, 2.05, 1.93, 1.75], SPREAD);
    // Bar 1: bids 1.85, 1.82, 2.45, 2.30 — the low 1.82 stays above 1.80, the high 2.45 ≥ 2.40: take-profit at 2.40.
    paths.set(KEY, T(1), [1.85, 1.82, 2.45, 2.3], SPREAD);
    // Bar 2 falls through the old stop: nothing happens, the bracket is over.
    paths.set(KEY, T(2), [1.7, 1.75, 1.5, 1.6], SPREAD);
    const events = [...broker.submit(bracket(BRACKET)), ...run(broker, 3)];
    expect(story(events)).toEqual([
      ...ACCEPTED,
      '+60s filled i1:entry 5 @ 2 fees 3.25',
      '+120s filled i1:take-profit 5 @ 2.4 fees 3.25',
      '+120s cancelled i1:stop-loss: OCO: i1:take-profit filled',
    ]);
    // (2.40 − 2.00) × 5 × 100 − 2 × 3.25 = 200 − 6.50
    expect(netPnl(events)).toBe(193.5);
  });

  it('hits its stop: fills at the stop price when touched inside the bar', () => {
    const { broker, paths } = simBroker();
    paths.set(KEY, T(0), ENTRY_AT_OPEN, SPREAD);
    // Bar 1: low bid 1.78 ≤ 1.80 after an open of 1.95: the stop fills at 1.80, at the bar's end.
    paths.set(KEY, T(1), [1.95, 1.85, 1.78, 1.79], SPREAD);
    const events = [...broker.submit(bracket(BRACKET)), ...run(broker, 2)];
    expect(story(events)).toEqual([
      ...ACCEPTED,
      '+0s filled i1:entry 5 @ 1.98 fees 3.25',
      '+120s filled i1:stop-loss 5 @ 1.8 fees 3.25',
      '+120s cancelled i1:take-profit: OCO: i1:stop-loss filled',
    ]);
    // (1.80 − 1.98) × 500 − 6.50 = −90 − 6.50
    expect(netPnl(events)).toBe(-96.5);
  });

  it('when both children trigger in one bar, the stop wins even if the take-profit came first', () => {
    const { broker, paths } = simBroker();
    paths.set(KEY, T(0), ENTRY_AT_OPEN, SPREAD);
    // Bar 1: 2.00 → 2.45 (≥ 2.40) → 1.75 (≤ 1.80) → 1.90: the path reaches the take-profit first.
    paths.set(KEY, T(1), [2.0, 2.45, 1.75, 1.9], SPREAD);
    const events = [...broker.submit(bracket(BRACKET)), ...run(broker, 2)];
    expect(story(events).slice(3)).toEqual([
      '+0s filled i1:entry 5 @ 1.98 fees 3.25',
      '+120s filled i1:stop-loss 5 @ 1.8 fees 3.25',
      '+120s cancelled i1:take-profit: OCO: i1:stop-loss filled',
    ]);
    expect(netPnl(events)).toBe(-96.5);
  });

  it('a gap through the stop fills at the open bid, not at the stop', () => {
    const { broker, paths } = simBroker();
    paths.set(KEY, T(0), ENTRY_AT_OPEN, SPREAD);
    paths.set(KEY, T(1), [1.6, 1.7, 1.55, 1.65], SPREAD); // opens at 1.60, under the 1.80 stop
    const events = [...broker.submit(bracket(BRACKET)), ...run(broker, 2)];
    expect(story(events).slice(3, 5)).toEqual(['+0s filled i1:entry 5 @ 1.98 fees 3.25', '+60s filled i1:stop-loss 5 @ 1.6 fees 3.25']);
    // (1.60 − 1.98) × 500 − 6.50 = −190 − 6.50
    expect(netPnl(events)).toBe(-196.5);
  });

  it('a gap above the take-profit fills at the open bid', () => {
    const { broker, paths } = simBroker();
    paths.set(KEY, T(0), ENTRY_AT_OPEN, SPREAD);
    paths.set(KEY, T(1), [2.55, 2.6, 2.5, 2.52], SPREAD); // opens at 2.55, above the 2.40 limit
    const events = [...broker.submit(bracket(BRACKET)), ...run(broker, 2)];
    expect(story(events)[4]).toBe('+60s filled i1:take-profit 5 @ 2.55 fees 3.25');
    // (2.55 − 1.98) × 500 − 6.50 = 285 − 6.50
    expect(netPnl(events)).toBe(278.5);
  });

  it('an unfilled parent is cancelled at the first bar boundary at or after cancelParentAt, with its children', () => {
    const { broker, paths } = simBroker();
    // Asks 2.15, 2.20, 2.10, 2.13: never ≤ 2.00. Cancel at +90 s: bar 0 ends at +60 s (too early), bar 1 at +120 s.
    paths.set(KEY, T(0), [2.1, 2.15, 2.05, 2.08], SPREAD).set(KEY, T(1), [2.1, 2.15, 2.05, 2.08], SPREAD);
    const events = [...broker.submit(bracket({ ...BRACKET, cancelAfterS: 90 })), ...run(broker, 2)];
    expect(story(events).slice(3)).toEqual([
      '+120s cancelled i1:entry: unfilled after 90 s',
      '+120s cancelled i1:take-profit: parent cancelled',
      '+120s cancelled i1:stop-loss: parent cancelled',
    ]);
  });

  it('a parent may still fill in the bar that contains its cancel time', () => {
    const { broker, paths } = simBroker();
    paths.set(KEY, T(0), [2.1, 2.15, 2.05, 2.08], SPREAD);
    paths.set(KEY, T(1), [2.1, 2.15, 1.95, 2.0], SPREAD); // asks reach 2.00 inside [+60 s, +120 s), which holds +90 s
    const events = [...broker.submit(bracket({ ...BRACKET, cancelAfterS: 90 })), ...run(broker, 2)];
    expect(story(events).slice(3)).toEqual(['+120s filled i1:entry 5 @ 2 fees 3.25']);
  });

  it('after a missing bar the parent is cancelled at the next bar start, before that bar could fill it', () => {
    const { broker, paths } = simBroker();
    paths.set(KEY, T(0), [2.1, 2.15, 2.05, 2.08], SPREAD);
    paths.set(KEY, T(2), [1.5, 1.5, 1.5, 1.5], SPREAD); // would fill at the open, but +120 s ≥ +90 s
    broker.submit(bracket({ ...BRACKET, cancelAfterS: 90 }));
    expect(broker.onBar(T(0), T(1))).toEqual([]);
    expect(story(broker.onBar(T(2), T(3)))[0]).toBe('+120s cancelled i1:entry: unfilled after 90 s');
  });

  it('a parent that never reaches its limit stays working and every bar returns the same empty array', () => {
    const { broker, paths } = simBroker();
    for (let i = 0; i < 5; i++) paths.set(KEY, T(i), [1.96, 1.99, 1.96, 1.97], SPREAD); // lowest ask 2.01 > 2.00
    broker.submit(bracket(BRACKET));
    const first = broker.onBar(T(0), T(1));
    expect(first).toHaveLength(0);
    for (let i = 1; i < 5; i++) expect(broker.onBar(T(i), T(i + 1))).toBe(first);
  });

  it('a Flatten cancels the children and sells at the next open bid', () => {
    const { broker, paths } = simBroker();
    paths.set(KEY, T(0), ENTRY_AT_OPEN, SPREAD);
    paths.set(KEY, T(1), [2.0, 2.05, 1.95, 2.02], SPREAD);
    paths.set(KEY, T(2), [2.1, 2.12, 2.06, 2.08], SPREAD);
    const events = [...broker.submit(bracket(BRACKET)), ...run(broker, 3, [flatten('i1', 5, T(2))])];
    expect(story(events).slice(3)).toEqual([
      '+0s filled i1:entry 5 @ 1.98 fees 3.25',
      '+120s cancelled i1:take-profit: flatten: flatten',
      '+120s cancelled i1:stop-loss: flatten: flatten',
      '+120s accepted i1:exit',
      '+120s filled i1:exit 5 @ 2.1 fees 3.25',
    ]);
    // (2.10 − 1.98) × 500 − 6.50 = 60 − 6.50
    expect(netPnl(events)).toBe(53.5);
  });

  it('cancelling one child leaves its OCO sibling working', () => {
    const { broker, paths } = simBroker();
    paths.set(KEY, T(0), ENTRY_AT_OPEN, SPREAD);
    paths.set(KEY, T(1), [2.0, 2.45, 1.95, 2.2], SPREAD); // would hit the take-profit, which is gone
    paths.set(KEY, T(2), [2.0, 2.0, 1.7, 1.75], SPREAD); // the stop at 1.80
    const cancel: Command = { type: 'Cancel', ts: T(1), orderId: 'i1:take-profit', reason: 'test' };
    const events = [...broker.submit(bracket(BRACKET)), ...run(broker, 3, [cancel])];
    expect(story(events).slice(3)).toEqual([
      '+0s filled i1:entry 5 @ 1.98 fees 3.25',
      '+60s cancelled i1:take-profit: test',
      '+180s filled i1:stop-loss 5 @ 1.8 fees 3.25',
    ]);
  });

  it('charges the cheap-premium tiers: $0.25 under $0.05, $0.50 under $0.10', () => {
    const { broker, paths } = simBroker();
    paths.set(KEY, T(0), [0.03, 0.03, 0.03, 0.03], 0.01); // ask 0.04 ≤ 0.04: entry at 0.04
    paths.set(KEY, T(1), [0.05, 0.09, 0.04, 0.08], 0.01); // high bid 0.09 ≥ 0.08: take-profit at 0.08
    const events = [...broker.submit(bracket({ quantity: 10, entry: 0.04, takeProfit: 0.08, stopLoss: 0.02 })), ...run(broker, 2)];
    expect(story(events).slice(3, 5)).toEqual([
      '+0s filled i1:entry 10 @ 0.04 fees 2.5', // 10 × 0.25 (0.04 < 0.05)
      '+120s filled i1:take-profit 10 @ 0.08 fees 5', // 10 × 0.50 (0.05 ≤ 0.08 < 0.10)
    ]);
    // (0.08 − 0.04) × 10 × 100 − 2.50 − 5.00 = 40 − 7.50
    expect(netPnl(events)).toBe(32.5);
  });

  it('the $1 minimum applies to a single cheap contract', () => {
    const { broker, paths } = simBroker();
    paths.set(KEY, T(0), [1.93, 1.95, 1.9, 1.94], SPREAD);
    const events = [...broker.submit(bracket({ ...BRACKET, quantity: 1 })), ...run(broker, 1)];
    expect(story(events)[3]).toBe('+0s filled i1:entry 1 @ 1.98 fees 1'); // 1 × 0.65 < 1.00
  });
});

describe('SimBroker slippage (2 ticks = $0.02 against the trader)', () => {
  /** The fills of a bracket through bars whose bids are `bars[i]`. */
  function fills(bars: (readonly [number, number, number, number])[], commands: Command[] = []): string[] {
    const { broker, paths } = simBroker(2);
    bars.forEach((bids, i) => paths.set(KEY, T(i), bids, SPREAD));
    broker.submit(bracket(BRACKET));
    return story(run(broker, bars.length, commands)).filter((l) => l.includes('filled'));
  }

  it('an entry at the open pays ask + 0.02 but never more than its limit', () => {
    expect(fills([[1.92, 1.92, 1.92, 1.92]])).toEqual(['+0s filled i1:entry 5 @ 1.99 fees 3.25']); // 1.97 + 0.02
    expect(fills([[1.94, 1.94, 1.94, 1.94]])).toEqual(['+0s filled i1:entry 5 @ 2 fees 3.25']); // 1.99 + 0.02 = 2.01 → 2.00
    expect(fills([[2.0, 2.0, 1.95, 1.95]])).toEqual(['+60s filled i1:entry 5 @ 2 fees 3.25']); // touched later: at the limit
  });

  it('stops sell 0.02 under the stop or under the gap open; take-profits never under their limit', () => {
    const entry = [1.92, 1.92, 1.92, 1.92] as const; // entry 1.99
    expect(fills([entry, [1.9, 1.85, 1.75, 1.8]])[1]).toBe('+120s filled i1:stop-loss 5 @ 1.78 fees 3.25'); // 1.80 − 0.02
    expect(fills([entry, [1.6, 1.6, 1.6, 1.6]])[1]).toBe('+60s filled i1:stop-loss 5 @ 1.58 fees 3.25'); // 1.60 − 0.02
    expect(fills([entry, [2.55, 2.55, 2.55, 2.55]])[1]).toBe('+60s filled i1:take-profit 5 @ 2.53 fees 3.25'); // 2.55 − 0.02
    expect(fills([entry, [2.41, 2.41, 2.41, 2.41]])[1]).toBe('+60s filled i1:take-profit 5 @ 2.4 fees 3.25'); // 2.39 → 2.40
    expect(fills([entry, [2.0, 2.5, 2.0, 2.0]])[1]).toBe('+120s filled i1:take-profit 5 @ 2.4 fees 3.25'); // at the limit
  });

  it('a market exit sells at the open bid − 0.02', () => {
    const bars = [[1.92, 1.92, 1.92, 1.92], [2.1, 2.1, 2.1, 2.1]] as const;
    expect(fills([...bars], [flatten('i1', 5, T(1))])[1]).toBe('+60s filled i1:exit 5 @ 2.08 fees 3.25'); // 2.10 − 0.02
  });
});
