import { describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../src/config/schema.js';
import { VariantRunner } from '../../src/sweep/run-variant.js';
import { planSignalSharing } from '../../src/sweep/signal-groups.js';
import type { SweepJob } from '../../src/sweep/sweep-job.js';
import { emptyTrack, recordingStrategy, REPLAYED, replayingStrategy, signalKeyOf } from '../../src/sweep/signal-tape.js';
import type { Strategy } from '../../src/strategy/strategy.js';
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

  it('a replay gives the recorded action and confidence at each cycle, and throws when called at another cycle', () => {
    const held = { ts: 60_000, symbol: 'SPY', strategy: 'scalp', action: 'HOLD', confidence: 0.4, rule: REPLAYED, facts: [] as number[] } as const;
    const bought = { ...held, ts: 120_000, action: 'BUY', confidence: 0.8 } as const;
    const scalp: Strategy<null> = {
      name: 'scalp',
      initialState: () => null,
      onBarClosed: () => {},
      evaluate: (_s, at) => ({ ...(at === held.ts ? held : bought), rule: 'why', facts: [1, 2] }),
      explain: () => ['why'],
    };
    const session = { date: '2025-01-02', ordinal: 1 };
    const track = emptyTrack();
    const recording = recordingStrategy(scalp, track);
    for (const at of [60_000, 120_000]) recording.evaluate(null, at, session);
    const replay = replayingStrategy('scalp', track);
    const state = replay.initialState('SPY');
    // The facts behind a signal are journal material, which a sweep does not keep.
    expect([60_000, 120_000].map((at) => replay.evaluate(state, at, session))).toEqual([held, bought]);
    expect(() => replay.evaluate(state, 180_000, session)).toThrow(/signal track of scalp: evaluate at 180000 where the recording had no call/);
  });

  it('groups jobs by the signals they get and records only strategies whose signals another job replays', () => {
    const job = (variant: number, tweak: (s: Settings) => void, to = 100): SweepJob => ({ variant, segment: 'all', settings: stock(tweak), from: 0, to, series: false, group: -1, shared: [] });
    const jobs = [
      job(0, (s) => (s.strategy.scalp.rsi_buy_max = 60)),
      job(1, (s) => (s.strategy.scalp.rsi_buy_max = 65)),
      job(2, (s) => ((s.strategy.scalp.rsi_buy_max = 60), (s.risk.stop_loss_pct = 0.2))),
      job(3, (s) => (s.strategy.scalp.rsi_buy_max = 70), 50),
    ];
    planSignalSharing(jobs);
    expect(jobs.map((j) => [j.variant, j.group, j.shared])).toEqual([
      [0, 0, ['whale', 'scalp']],
      [2, 0, ['whale', 'scalp']],
      [1, 1, ['whale']],
      [3, 3, []], // another bar span: nothing shared
    ]);
  });
});
