import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/config/schema.js';
import type { Bar } from '../../src/core/bar.js';
import { MINUTE_MS, type TradingDate } from '../../src/core/time.js';
import { whaleStrategy, type WhaleSettings, type WhaleState } from '../../src/strategy/index.js';
import type { Strategy } from '../../src/strategy/strategy.js';
import { evaluateExplained, feed, minuteBars, sessionRef } from './synthetic.js';

const whale = (settings: Partial<WhaleSettings> = {}) => whaleStrategy({ ...defaultSettings().strategy.whale, ...settings });

/**
 * One hour of quiet 1-minute bars (12 five-minute bars of volume 5000 each), then a five-minute
 * bar whose volume is `multiple` × that and whose close moves `move` (a fraction) from its open.
 */
function quietHourThenSpike(date: TradingDate, multiple: number, move: number): Bar[] {
  const quiet = Array.from({ length: 60 }, (_, i) => 500 + (i % 2) * 0.01);
  const last = quiet[59]!;
  const spike = Array.from({ length: 5 }, (_, i) => last * (1 + (move * (i + 1)) / 5));
  return minuteBars(date, [...quiet, ...spike], [...quiet.map(() => 1000), ...spike.map(() => 1000 * multiple)]);
}

/** Feeds a session's bars and evaluates once after the last one. */
function session(strategy: Strategy<WhaleState>, state: WhaleState, date: TradingDate, bars: Bar[]) {
  const ref = sessionRef(date);
  const at = feed(strategy, state, bars, ref);
  return evaluateExplained(strategy, state, at, ref);
}

describe('whale rules (defaults: 5-minute bars, 12-bar window, 3× volume, 0.2 % move, 3-session cooldown)', () => {
  it('BUY on a volume spike with an up move; confidence per the documented formula', () => {
    const s = whale();
    const signal = session(s, s.initialState('SPY'), '2024-08-06', quietHourThenSpike('2024-08-06', 4, 0.003));
    expect(signal).toMatchObject({ symbol: 'SPY', strategy: 'whale', action: 'BUY' });
    const move = 0.003 * (1 - 0.01 / 500.01); // the spike opens at the last quiet close
    expect(signal.confidence).toBeCloseTo(0.5 + 0.25 * (4 / 3 - 1) + 0.25 * Math.min(1, move / 0.002 - 1), 4);
    expect(signal.reasons[0]).toMatch(/^5-minute bar 2024-08-06T14:30:00\.000Z: volume 20000 = 4\.00× its 12-bar mean 5000$/);
  });

  it('SELL on a spike with a down move', () => {
    const s = whale();
    expect(session(s, s.initialState('SPY'), '2024-08-06', quietHourThenSpike('2024-08-06', 4, -0.003)).action).toBe('SELL');
  });

  it('HOLD when the volume or the move falls short', () => {
    const s = whale();
    const weak = session(s, s.initialState('SPY'), '2024-08-06', quietHourThenSpike('2024-08-06', 2.9, 0.003));
    expect(weak.action).toBe('HOLD');
    expect(weak.reasons[0]).toMatch(/^no spike: last 5-minute bar volume 2\.90× its 12-bar mean/);
    expect(session(s, s.initialState('SPY'), '2024-08-06', quietHourThenSpike('2024-08-06', 10, 0.0015)).action).toBe('HOLD');
  });

  it('needs lookback_bars aggregated bars of the same session before it can speak', () => {
    const s = whale();
    const state = s.initialState('SPY');
    const bars = quietHourThenSpike('2024-08-05', 4, 0.003);
    expect(session(s, state, '2024-08-05', bars.slice(0, 55)).reasons).toEqual(['insufficient history: a spike needs 12 closed 5-minute bars of its session before it, 11 so far']);
    // The next session starts its window afresh: yesterday's bars never count.
    const next = quietHourThenSpike('2024-08-06', 4, 0.003);
    expect(session(s, state, '2024-08-06', next.slice(0, 30)).reasons).toEqual(['insufficient history: a spike needs 12 closed 5-minute bars of its session before it, 6 so far']);
  });

  it('reports a spike that closed between two cycles, once, and never in a later session', () => {
    const s = whale();
    const state = s.initialState('SPY');
    const ref = sessionRef('2024-08-06');
    const bars = quietHourThenSpike('2024-08-06', 4, 0.003);
    const calm = minuteBars('2024-08-06', Array(10).fill(bars[64]!.close)).map((b, i) => ({ ...b, ts: bars[64]!.ts + (i + 1) * MINUTE_MS }));
    const at = feed(s, state, [...bars, ...calm], ref); // a 15-minute cycle: the spike closed 10 minutes ago
    expect(evaluateExplained(s, state, at, ref).action).toBe('BUY');

    const other = s.initialState('SPY');
    feed(s, other, bars, ref);
    const tomorrow = sessionRef('2024-08-07');
    expect(s.evaluate(other, Date.parse('2024-08-07T13:35:00Z'), tomorrow).action).toBe('HOLD');
  });

  it('closes an aggregated bar whose last minute is missing with the next bar', () => {
    const s = whale();
    const state = s.initialState('SPY');
    const ref = sessionRef('2024-08-06');
    const bars = quietHourThenSpike('2024-08-06', 4, 0.003);
    const [after] = minuteBars('2024-08-06', [bars[63]!.close]).map((b) => ({ ...b, ts: bars[64]!.ts + MINUTE_MS }));
    const at = feed(s, state, [...bars.slice(0, 64), after!], ref); // 10:34 is missing
    const signal = evaluateExplained(s, state, at, ref);
    expect(signal.action).toBe('BUY');
    expect(signal.reasons[0]).toContain('volume 16000 = 3.20×');
  });

  it('stays quiet for the rest of its session and 3 more sessions, counted over a weekend and Thanksgiving', () => {
    const s = whale();
    const state = s.initialState('SPY');
    // Tue 2024-11-26 fires; Wed 27, Fri 29 (early close, after Thanksgiving), Mon Dec 2 are the 3 quiet sessions.
    expect(session(s, state, '2024-11-26', quietHourThenSpike('2024-11-26', 4, 0.003)).action).toBe('BUY');
    const quiet = ['2024-11-27', '2024-11-29', '2024-12-02'].map((d) => session(s, state, d, quietHourThenSpike(d, 6, -0.004)));
    expect(quiet.map((q) => q.action)).toEqual(['HOLD', 'HOLD', 'HOLD']);
    expect(quiet.map((q) => q.reasons[0])).toEqual([
      'cooldown after the whale signal of 2024-11-26: this session and 2 more',
      'cooldown after the whale signal of 2024-11-26: this session and 1 more',
      'cooldown after the whale signal of 2024-11-26: ends with this session',
    ]);
    // The cooldown lives in the state: persisted and restored across the last weekend day, it still holds.
    const restored = JSON.parse(JSON.stringify(state)) as WhaleState;
    expect(restored).toEqual(state);
    expect(session(s, restored, '2024-12-03', quietHourThenSpike('2024-12-03', 6, -0.004)).action).toBe('SELL');
  });

  it('a second spike in the firing session is debounced too', () => {
    const s = whale({ cooldown_sessions: 1 });
    const state = s.initialState('SPY');
    const bars = quietHourThenSpike('2024-07-03', 4, 0.003);
    const ref = sessionRef('2024-07-03');
    expect(evaluateExplained(s, state, feed(s, state, bars, ref), ref).action).toBe('BUY');
    const again = minuteBars('2024-07-03', Array(5).fill(bars[64]!.close * 1.01), 100_000).map((b, i) => ({ ...b, ts: bars[64]!.ts + (i + 1) * MINUTE_MS }));
    expect(evaluateExplained(s, state, feed(s, state, again, ref), ref).reasons[0]).toBe('cooldown after the whale signal of 2024-07-03: this session and 1 more');
    // With cooldown_sessions 1, the session after the holiday (Fri 07-05) is quiet and Mon 07-08 may speak.
    expect(session(s, state, '2024-07-05', quietHourThenSpike('2024-07-05', 4, 0.003)).action).toBe('HOLD');
    expect(session(s, state, '2024-07-08', quietHourThenSpike('2024-07-08', 4, 0.003)).action).toBe('BUY');
  });

  it('aggregates to 15-minute bars when told', () => {
    const s = whale({ bar_minutes: 15, lookback_bars: 4 });
    const quiet = Array.from({ length: 60 }, (_, i) => 500 + (i % 2) * 0.01);
    const spike = Array.from({ length: 15 }, (_, i) => 500.01 + (i + 1) * 0.1); // +0.3 % over 15 minutes
    const bars = minuteBars('2024-08-06', [...quiet, ...spike], [...quiet.map(() => 1000), ...spike.map(() => 4000)]);
    const state = s.initialState('SPY');
    const ref = sessionRef('2024-08-06');
    expect(evaluateExplained(s, state, feed(s, state, bars.slice(0, 60), ref), ref).reasons).toEqual(['insufficient history: a spike needs 4 closed 15-minute bars of its session before it, 4 so far']);
    expect(evaluateExplained(s, state, feed(s, state, bars.slice(60, 70), ref), ref).action).toBe('HOLD'); // the 15-minute bar is still forming
    const signal = evaluateExplained(s, state, feed(s, state, bars.slice(70), ref), ref);
    expect(signal.action).toBe('BUY');
    expect(signal.reasons[0]).toBe('15-minute bar 2024-08-06T14:30:00.000Z: volume 60000 = 4.00× its 4-bar mean 15000');
  });
});
