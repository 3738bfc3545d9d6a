import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../src/core/order.js';
import { defaultSettings } from '../../src/config/schema.js';
import { instrumentKey } from '../../src/venues/sim/price-path.js';
import { SimBroker } from '../../src/venues/sim/sim-broker.js';
import { StockPathSource } from '../../src/venues/sim/stock-path-source.js';
import { KEY, OPTION, PUT, T, bracket, exitOrder, flatten, netPnl, simBroker, story } from './fixtures.js';

const SPREAD = 0.05;
const BRACKET = { entry: 2.0, takeProfit: 2.4, stopLoss: 1.8 };
/** Ask 1.98 at bar 0's open: the entry fills at 1.98, fees 5 × 0.65 = 3.25. */
const ENTRY_AT_OPEN = [1.93, 1.95, 1.9, 1.94] as const;

describe('SimBroker expiry settlement at intrinsic value, without fees', () => {
  /** Enters 5 contracts of `instrument` at 1.98 in bar 0, then settles at the close `underlying`. */
  function settle(instrument: Instrument, underlying: number) {
    const { broker, paths } = simBroker();
    paths.set(instrumentKey(instrument), T(0), ENTRY_AT_OPEN, SPREAD);
    const events = [...broker.submit(bracket({ ...BRACKET, instrument })), ...broker.onBar(T(0), T(1))];
    events.push(...broker.settleExpiry(exitOrder('i1', 5, instrument), underlying, T(1)));
    return { lines: story(events).slice(4), pnl: netPnl(events) };
  }
  const put: Instrument = { kind: 'option', contract: PUT };

  it('an in-the-money call settles at S − K', () => {
    const { lines, pnl } = settle(OPTION, 523.45);
    expect(lines).toEqual([
      '+60s cancelled i1:take-profit: expired',
      '+60s cancelled i1:stop-loss: expired',
      '+60s accepted i1:exit',
      '+60s filled i1:exit 5 @ 3.45 fees 0', // 523.45 − 520
    ]);
    // (3.45 − 1.98) × 500 − 3.25 = 735 − 3.25
    expect(pnl).toBe(731.75);
  });

  it('an out-of-the-money call settles at 0', () => {
    expect(settle(OPTION, 518).lines[3]).toBe('+60s filled i1:exit 5 @ 0 fees 0');
  });

  it('an in-the-money put settles at K − S', () => {
    const { lines, pnl } = settle(put, 517.3);
    expect(lines[3]).toBe('+60s filled i1:exit 5 @ 2.7 fees 0'); // 520 − 517.30
    // (2.70 − 1.98) × 500 − 3.25 = 360 − 3.25
    expect(pnl).toBe(356.75);
  });

  it('an out-of-the-money put settles at 0', () => {
    const { lines, pnl } = settle(put, 521);
    expect(lines[3]).toBe('+60s filled i1:exit 5 @ 0 fees 0');
    // (0 − 1.98) × 500 − 3.25 = −990 − 3.25
    expect(pnl).toBe(-993.25);
  });
});

describe('SimBroker rejections', () => {
  it('rejects every order of a bracket with quantity 0, and nothing works afterwards', () => {
    const { broker, paths } = simBroker();
    paths.set(KEY, T(0), [1.0, 1.0, 1.0, 1.0], SPREAD); // would fill any entry
    const reason = 'order i1:entry: quantity must be a positive whole number (got 0)';
    expect(story(broker.submit(bracket({ ...BRACKET, quantity: 0 })))).toEqual([
      `+0s rejected i1:entry: ${reason}`,
      `+0s rejected i1:take-profit: ${reason}`,
      `+0s rejected i1:stop-loss: ${reason}`,
    ]);
    expect(broker.onBar(T(0), T(1))).toEqual([]);
  });

  it.each([
    ['a fractional quantity', { quantity: 1.5 }, 'order i1:entry: quantity must be a positive whole number (got 1.5)'],
    ['a take-profit under the stop', { takeProfit: 1.8, stopLoss: 2.4 }, 'take-profit 1.8 must be above the stop 2.4'],
    ['a zero limit', { entry: 0 }, 'order i1:entry: price must be a positive number (got 0)'],
    ['a cancel time before the submission', { cancelAfterS: 0 }, `cancelParentAt ${T(0)} must be after the submission at ${T(0)}`],
  ])('rejects %s', (_name, spec, reason) => {
    const { broker } = simBroker();
    expect(story(broker.submit(bracket({ ...BRACKET, ...spec })))[0]).toBe(`+0s rejected i1:entry: ${reason}`);
  });

  it('rejects a stop that is not a SELL STP, and a second bracket for the same intent', () => {
    const { broker } = simBroker();
    const cmd = bracket(BRACKET);
    const wrong = { ...cmd, stopLoss: { ...cmd.stopLoss, type: 'LMT' as const } };
    expect(story(broker.submit(wrong))[0]).toBe("+0s rejected i1:entry: stop-loss order i1:stop-loss must be a SELL STP with role 'stop-loss' (got SELL LMT 'stop-loss')");
    broker.submit(cmd);
    expect(story(broker.submit(cmd))[0]).toBe('+0s rejected i1:entry: intent i1 was already submitted');
  });

  it('rejects a Flatten without a position, or with the wrong quantity, or twice', () => {
    const { broker, paths } = simBroker();
    paths.set(KEY, T(0), ENTRY_AT_OPEN, SPREAD);
    expect(story(broker.submit(flatten('nope', 5, T(0))))).toEqual(['+0s rejected nope:exit: intent nope has no open position']);
    broker.submit(bracket(BRACKET));
    broker.onBar(T(0), T(1));
    expect(story(broker.submit(flatten('i1', 3, T(1))))).toEqual(['+60s rejected i1:exit: exit quantity 3 differs from the position 5']);
    broker.submit(flatten('i1', 5, T(1)));
    expect(story(broker.submit({ ...flatten('i1', 5, T(1)), order: { ...exitOrder('i1', 5), orderId: 'i1:exit2' } }))).toEqual([
      '+60s rejected i1:exit2: intent i1 is already being flattened',
    ]);
  });

  it('a Flatten before the entry filled cancels the bracket and rejects the exit', () => {
    const { broker } = simBroker();
    broker.submit(bracket(BRACKET));
    expect(story(broker.submit(flatten('i1', 5, T(1))))).toEqual([
      '+60s cancelled i1:entry: flatten: flatten',
      '+60s cancelled i1:take-profit: parent cancelled',
      '+60s cancelled i1:stop-loss: parent cancelled',
      '+60s rejected i1:exit: intent i1 has no position: its entry never filled',
    ]);
  });

  it('settles only options; cancelling a finished order does nothing, an unknown one throws', () => {
    const paths = new StockPathSource();
    const broker = SimBroker.fromSettings(defaultSettings().backtest, paths);
    const shares: Instrument = { kind: 'stock', symbol: 'SPY' };
    paths.setBar('SPY', T(0), 500, 500.5, 499.9, 500.2);
    broker.submit(bracket({ entry: 501, takeProfit: 510, stopLoss: 490, quantity: 100, instrument: shares }));
    broker.onBar(T(0), T(1));
    expect(story(broker.settleExpiry(exitOrder('i1', 100, shares), 500, T(1)))).toEqual(['+60s rejected i1:exit: only options expire']);
    expect(broker.submit({ type: 'Cancel', ts: T(1), orderId: 'i1:entry', reason: 'late' })).toEqual([]);
    expect(() => broker.submit({ type: 'Cancel', ts: T(1), orderId: 'ghost', reason: 'x' })).toThrow('never received order ghost');
  });
});

describe('SimBroker in stock mode', () => {
  it('a market entry fills at the next bar open with bid = ask = the bar, IB stock fees', () => {
    const paths = new StockPathSource();
    const broker = SimBroker.fromSettings(defaultSettings().backtest, paths);
    const shares: Instrument = { kind: 'stock', symbol: 'SPY' };
    broker.submit(bracket({ entry: NaN, entryType: 'MKT', takeProfit: 505, stopLoss: 495, quantity: 100, instrument: shares }));
    paths.setBar('SPY', T(0), 500.1, 500.5, 499.9, 500.2);
    // 100 × $0.005 = $0.50 → the $1.00 minimum; the 1 % cap is 0.01 × 100 × 500.10 = $500.10.
    expect(story(broker.onBar(T(0), T(1)))).toEqual(['+0s filled i1:entry 100 @ 500.1 fees 1']);
    paths.setBar('SPY', T(1), 500.2, 505.3, 500.0, 504); // high 505.30 ≥ 505
    expect(story(broker.onBar(T(1), T(2)))).toEqual(['+120s filled i1:take-profit 100 @ 505 fees 1', '+120s cancelled i1:stop-loss: OCO: i1:take-profit filled']);
  });
});

describe('SimBroker with several brackets', () => {
  it('walks them in submission order, each with its own OCO group', () => {
    const { broker, paths } = simBroker();
    const put: Instrument = { kind: 'option', contract: PUT };
    const putKey = instrumentKey(put);
    paths.set(KEY, T(0), ENTRY_AT_OPEN, SPREAD).set(putKey, T(0), ENTRY_AT_OPEN, SPREAD);
    paths.set(KEY, T(1), [2.0, 2.45, 2.1, 2.2], SPREAD); // the call reaches its take-profit 2.40
    paths.set(putKey, T(1), [1.9, 1.75, 1.95, 1.9], SPREAD); // the put falls through its stop 1.80
    broker.submit(bracket({ ...BRACKET, intent: 'c' }));
    broker.submit(bracket({ ...BRACKET, intent: 'p', instrument: put }));
    expect(story(broker.onBar(T(0), T(1)))).toEqual(['+0s filled c:entry 5 @ 1.98 fees 3.25', '+0s filled p:entry 5 @ 1.98 fees 3.25']);
    expect(story(broker.onBar(T(1), T(2)))).toEqual([
      '+120s filled c:take-profit 5 @ 2.4 fees 3.25',
      '+120s cancelled c:stop-loss: OCO: c:take-profit filled',
      '+120s filled p:stop-loss 5 @ 1.8 fees 3.25',
      '+120s cancelled p:take-profit: OCO: p:stop-loss filled',
    ]);
  });
});
