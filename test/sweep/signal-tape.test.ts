import { describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../src/config/schema.js';
import { VariantRunner } from '../../src/sweep/run-variant.js';
import { replayingStrategy, signalKeyOf, type SignalTrack } from '../../src/sweep/signal-tape.js';
import { createStrategies } from '../../src/strategy/registry.js';
import { syntheticMinuteBars } from '../../src/venues/history/synthetic-sample.js';

const bars = syntheticMinuteBars({ sessions: 12, seed: 5 });

const stock = (tweak: (s: Settings) => void): Settings => {
  const s = defaultSettings();
  s.backtest.instrument = 'stock';
  tweak(s);
  return s;
};

describe('signal tracks shared by variants that get the same signals', () => {
  it("a strategy's key covers its own settings, the schedule, the symbols and the bar span only", () => {
    const base = stock(() => {});
    const scalp = signalKeyOf(base, 'scalp', 0, 100);
    const whale = signalKeyOf(base, 'whale', 0, 100);
    const rsi = stock((s) => (s.strategy.scalp.rsi_buy_max = 61));
    expect(signalKeyOf(stock((s) => (s.risk.stop_loss_pct = 0.2)), 'scalp', 0, 100)).toBe(scalp);
    expect(signalKeyOf(stock((s) => (s.execution.entry_offset_ticks += 1)), 'scalp', 0, 100)).toBe(scalp);
    expect(signalKeyOf(rsi, 'whale', 0, 100)).toBe(whale);
    expect(signalKeyOf(rsi, 'scalp', 0, 100)).not.toBe(scalp);
    expect(signalKeyOf(stock((s) => (s.schedule.interval_seconds = 60)), 'whale', 0, 100)).not.toBe(whale);
    expect(signalKeyOf(base, 'scalp', 0, 99)).not.toBe(scalp);
  });

  it('variants replaying earlier variants\' signals have the statistics of their own full runs', () => {
    const variants = [
      stock((s) => (s.risk.stop_loss_pct = 0.05)),
      stock((s) => ((s.risk.stop_loss_pct = 0.2), (s.risk.take_profit_pct = 0.1))), // replays both strategies
      stock((s) => ((s.risk.stop_loss_pct = 0.2), (s.strategy.scalp.min_confidence = 0.4))), // replays whale only
    ];
    const shared = new VariantRunner(bars, 'SPY');
    const replayed = variants.map((v) => shared.run(v).statistics);
    const alone = variants.map((v) => new VariantRunner(bars, 'SPY').run(v).statistics);
    expect(alone.every((s) => s.trades > 0)).toBe(true);
    expect(new Set(alone.map((s) => s.finalEquity)).size).toBe(3); // every change matters
    expect(replayed).toEqual(alone);
  });

  it('a replay called at another cycle than recorded throws instead of answering wrongly', () => {
    const [scalp] = createStrategies(stock((s) => (s.strategy.whale.enabled = false)));
    const session = { date: '2025-01-02', ordinal: 1 };
    const track: SignalTrack = { at: [60_000], signals: [scalp!.evaluate(scalp!.initialState('SPY'), 60_000, session)] };
    const replay = replayingStrategy('scalp', track);
    const state = replay.initialState('SPY');
    expect(replay.evaluate(state, 60_000, session)).toBe(track.signals[0]);
    expect(() => replay.evaluate(state, 120_000, session)).toThrow(/signal track of scalp: evaluate at 120000 where the recording had no call/);
  });
});
