import { describe, expect, it } from 'vitest';
import { parseSettingsText } from '../../src/config/load-settings.js';
import { defaultSettings } from '../../src/config/schema.js';
import type { Signal } from '../../src/core/signal.js';
import {
  BUILT_IN_STRATEGIES,
  combineSignals,
  createStrategies,
  explainDecision,
  signalExplainer,
  type SignalExplainer,
  type Strategy,
} from '../../src/strategy/index.js';
import { feed, minuteBars, sessionRef, zigzag } from './synthetic.js';

const sig = (strategy: string, action: Signal['action'], confidence = 0.8): Signal => ({
  ts: 1,
  symbol: 'SPY',
  strategy,
  action,
  confidence,
  rule: `says-${action}`,
  facts: [confidence],
});
const explain: SignalExplainer = (s) => [`${s.strategy} says ${s.action}`];

describe('combineSignals: the first BUY/SELL in precedence order wins', () => {
  it('a whale signal takes precedence over a scalp signal, noting what it overrode', () => {
    const decision = combineSignals([sig('whale', 'BUY'), sig('scalp', 'SELL', 0.7)])!;
    expect(decision).toEqual({ signal: sig('whale', 'BUY'), overridden: [sig('scalp', 'SELL', 0.7)] });
    expect(explainDecision(decision, explain)).toEqual(['whale says BUY', 'takes precedence over scalp SELL (confidence 0.700)']);
  });

  it('else the scalp signal stands as it is', () => {
    const decision = combineSignals([sig('whale', 'HOLD', 0), sig('scalp', 'SELL')])!;
    expect(decision).toEqual({ signal: sig('scalp', 'SELL'), overridden: [] });
    expect(explainDecision(decision, explain)).toEqual(['scalp says SELL']);
  });

  it('when all hold there is no decision', () => {
    expect(combineSignals([sig('whale', 'HOLD', 0), sig('scalp', 'HOLD', 0.5)])).toBeNull();
    expect(combineSignals([])).toBeNull();
  });
});

/** A user's strategy: BUY after three rising closes. Added through the registry, no engine change. */
const threeUp: Strategy<{ symbol: string; closes: number[] }> = {
  name: 'three-up',
  initialState: (symbol) => ({ symbol, closes: [] }),
  onBarClosed: (s, bar) => void (s.closes = [...s.closes.slice(-3), bar.close]),
  evaluate: (s, at) => {
    const [a, b, c, d] = s.closes;
    const up = d !== undefined && a! < b! && b! < c! && c! < d;
    return { ts: at, symbol: s.symbol, strategy: 'three-up', action: up ? 'BUY' : 'HOLD', confidence: up ? 1 : 0, rule: up ? 'rising' : 'none', facts: [] };
  },
  explain: (signal) => [signal.rule === 'rising' ? 'three rising closes' : 'no pattern'],
};

describe('the strategy seam', () => {
  it('createStrategies builds the enabled strategies, whale first', () => {
    expect(createStrategies(defaultSettings()).map((s) => s.name)).toEqual(['whale', 'scalp']);
    const settings = defaultSettings();
    settings.strategy.whale.enabled = false;
    expect(createStrategies(settings).map((s) => s.name)).toEqual(['scalp']);
  });

  it('a user strategy joins through the factory list and is combined like the others', () => {
    const strategies = createStrategies(defaultSettings(), [...BUILT_IN_STRATEGIES, () => threeUp]);
    expect(strategies.map((s) => s.name)).toEqual(['whale', 'scalp', 'three-up']);
    const states = strategies.map((s) => s.initialState('SPY'));
    const ref = sessionRef('2024-08-06');
    let at = 0;
    for (const [i, s] of strategies.entries()) at = feed(s, states[i], minuteBars('2024-08-06', zigzag(500, 10, 0.1, 0.1)), ref);
    const decision = combineSignals(strategies.map((s, i) => s.evaluate(states[i], at, ref)))!;
    expect(decision.signal).toMatchObject({ strategy: 'three-up', action: 'BUY' });
    expect(explainDecision(decision, signalExplainer(strategies))).toEqual(['three rising closes']);
  });

  it('refuses two strategies of one name: the name keys the persisted state and explains the journal', () => {
    expect(() => createStrategies(defaultSettings(), [() => threeUp, () => threeUp])).toThrow(/two strategies are named "three-up"/);
  });

  it('a signal of a strategy that is not running is shown as its rule and facts', () => {
    expect(signalExplainer([])(sig('gone', 'BUY', 0.5))).toEqual(['says-BUY (0.5)']);
  });
});

/** Settings text that must fail with exactly these problem lines (file:line path: message). */
const expectProblems = (yaml: string, lines: string[]): void => {
  expect(() => parseSettingsText(yaml, 'x.yaml')).toThrow(expect.objectContaining({ name: 'ConfigError', message: lines.join('\n') }));
};

describe('strategy settings are checked with their line', () => {
  it('EMA lengths and RSI bounds must be ordered', () => {
    expectProblems('strategy:\n  scalp:\n    ema_fast: 21\n    ema_slow: 9\n', ['x.yaml:3 strategy.scalp.ema_fast: must be below ema_slow (9)']);
    expectProblems('strategy:\n  scalp:\n    rsi_sell_min: 80\n', ['x.yaml:3 strategy.scalp.rsi_sell_min: must be below rsi_buy_max (70)']);
  });

  it('whale bars divide 30 minutes, spikes exceed 1×', () => {
    expectProblems('strategy:\n  whale:\n    bar_minutes: 7\n    spike_multiple: 1\n', [
      'x.yaml:3 strategy.whale.bar_minutes: must be 5, 10, 15 or 30',
      'x.yaml:4 strategy.whale.spike_multiple: must be > 1',
    ]);
  });
});
