import { describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../src/config/schema.js';
import { createStrategies } from '../../src/strategy/registry.js';
import { VariantRunner } from '../../src/sweep/run-variant.js';
import { replayingStrategies, signalKeyOf, type SignalTape } from '../../src/sweep/signal-tape.js';
import { syntheticMinuteBars } from '../../src/venues/history/synthetic-sample.js';

const bars = syntheticMinuteBars({ sessions: 12, seed: 5 });

const stock = (tweak: (s: Settings) => void): Settings => {
  const s = defaultSettings();
  s.backtest.instrument = 'stock';
  tweak(s);
  return s;
};

describe('signal tapes shared by variants that see the same signals', () => {
  it('keys on strategy, schedule, symbols and bar span only', () => {
    const base = stock(() => {});
    const key = signalKeyOf(base, 0, 100);
    expect(signalKeyOf(stock((s) => (s.risk.stop_loss_pct = 0.2)), 0, 100)).toBe(key);
    expect(signalKeyOf(stock((s) => (s.execution.entry_offset_ticks += 1)), 0, 100)).toBe(key);
    expect(signalKeyOf(stock((s) => (s.strategy.scalp.rsi_buy_max = 61)), 0, 100)).not.toBe(key);
    expect(signalKeyOf(stock((s) => (s.schedule.interval_seconds = 60)), 0, 100)).not.toBe(key);
    expect(signalKeyOf(base, 0, 99)).not.toBe(key);
  });

  it('a variant replaying another one\'s signals has the statistics of its own full run', () => {
    const first = stock((s) => (s.risk.stop_loss_pct = 0.05));
    const second = stock((s) => ((s.risk.stop_loss_pct = 0.2), (s.risk.take_profit_pct = 0.1)));
    const shared = new VariantRunner(bars, 'SPY');
    const a = shared.run(first).statistics;
    const replayed = shared.run(second).statistics; // replays the tape `first` recorded
    const alone = new VariantRunner(bars, 'SPY').run(second).statistics;
    expect(alone.trades).toBeGreaterThan(0);
    expect(replayed).toEqual(alone);
    expect(replayed).not.toEqual(a); // the risk settings matter
    expect(shared.run(first).statistics).toEqual(a);
  });

  it('a replay called at another cycle than recorded throws instead of answering wrongly', () => {
    const [scalp] = createStrategies(stock((s) => (s.strategy.whale.enabled = false)));
    const session = { date: '2025-01-02', ordinal: 1 };
    const recorded = scalp!.evaluate(scalp!.initialState('SPY'), 60_000, session);
    const tape: SignalTape = { at: [[60_000]], signals: [[recorded]] };
    const [replay] = replayingStrategies(['scalp'], tape);
    const state = replay!.initialState('SPY');
    expect(replay!.evaluate(state, 60_000, session)).toBe(tape.signals[0]![0]);
    expect(() => replay!.evaluate(state, 120_000, session)).toThrow(/signal tape of scalp: evaluate at 120000 where the recording had no call/);
  });
});
