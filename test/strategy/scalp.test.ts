import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/config/schema.js';
import { MINUTE_MS } from '../../src/core/time.js';
import { atrValue, emaValue, rsiValue, scalpStrategy, vwapValue, type ScalpSettings } from '../../src/strategy/index.js';
import { evaluateExplained, feed, minuteBars, sessionRef, zigzag } from './synthetic.js';

const DAY = '2024-08-06';
const session = sessionRef(DAY);

function run(closes: number[], settings: Partial<ScalpSettings> = {}, volume: number | number[] = 1000) {
  const strategy = scalpStrategy({ ...defaultSettings().strategy.scalp, ...settings });
  const state = strategy.initialState('SPY');
  const at = feed(strategy, state, minuteBars(DAY, closes, volume), session);
  return { strategy, state, at, signal: evaluateExplained(strategy, state, at, session) };
}

describe('scalp rules (defaults: EMA 9/21, RSI 14 in 30..70, ATR 14, 30 bars, confidence ≥ 0.6)', () => {
  it('BUY (long call): uptrend, close above VWAP, RSI below 70; confidence is the documented mean', () => {
    const { state, signal } = run(zigzag(500, 60, 0.3, -0.2)); // RSI oscillates around 60
    expect(signal).toMatchObject({ symbol: 'SPY', strategy: 'scalp', action: 'BUY' });
    const [f, s, rsi, atr, c, vwap] = [emaValue(state.emaFast), emaValue(state.emaSlow), rsiValue(state.rsi), atrValue(state.atr), state.lastClose, vwapValue(state.vwap, session.ordinal)];
    expect(f).toBeGreaterThan(s);
    expect(c).toBeGreaterThan(vwap);
    expect(rsi).toBeGreaterThan(55);
    expect(rsi).toBeLessThan(65);
    const expected = (Math.min(1, (f - s) / atr) + Math.min(1, (c - vwap) / atr) + (rsi - 30) / 40) / 3;
    expect(signal.confidence).toBe(expected);
    expect(signal.confidence).toBeGreaterThan(0.6);
    expect(signal.reasons.join('\n')).toContain('long call');
  });

  it('SELL (long put): downtrend, close below VWAP, RSI above 30', () => {
    const { signal } = run(zigzag(500, 60, -0.3, 0.2));
    expect(signal.action).toBe('SELL');
    expect(signal.confidence).toBeGreaterThan(0.6);
    expect(signal.reasons.join('\n')).toContain('long put');
  });

  it('HOLD when the uptrend is overbought (RSI 100 is not below 70)', () => {
    const { signal } = run(zigzag(500, 60, 0.1, 0.1));
    expect(signal.action).toBe('HOLD');
    expect(signal.confidence).toBe(0);
    expect(signal.reasons).toContain('no rule matched');
    expect(signal.reasons.join('\n')).toMatch(/RSI14 100\.00/);
  });

  it('HOLD when the EMAs rise but the close is below the session VWAP', () => {
    // Heavy early volume at 520 holds the VWAP far above a later, thinly traded rally from 500.
    const closes = [...Array(5).fill(520), ...zigzag(500, 45, 0.3, -0.2)];
    const volumes = closes.map((_, i) => (i < 5 ? 1_000_000 : 1000));
    const { state, signal } = run(closes, {}, volumes);
    expect(emaValue(state.emaFast)).toBeGreaterThan(emaValue(state.emaSlow));
    expect(signal.action).toBe('HOLD');
    expect(signal.reasons.join('\n')).toMatch(/close \S+ < VWAP/);
  });

  it('HOLD below min_confidence, carrying the confidence of the near miss', () => {
    const { signal } = run(zigzag(500, 60, 0.3, -0.2), { min_confidence: 0.99 });
    expect(signal.action).toBe('HOLD');
    expect(signal.confidence).toBeGreaterThan(0.6);
    expect(signal.reasons.at(-1)).toMatch(/^BUY rule matched but confidence 0\.\d+ = mean\(.*\) is below min_confidence 0\.99$/);
  });

  it('says "insufficient bars" below min_bars, and waits for every indicator to be seeded', () => {
    expect(run(zigzag(500, 29, 0.3, -0.2)).signal).toMatchObject({
      action: 'HOLD',
      confidence: 0,
      reasons: ['insufficient bars: 29 closed 1-minute bars, need 30'],
    });
    expect(run(zigzag(500, 30, 0.3, -0.2)).signal.action).toBe('BUY');
    expect(run(zigzag(500, 20, 0.3, -0.2), { min_bars: 5 }).signal.reasons).toEqual(['insufficient bars: 20 closed 1-minute bars, need 21']);
  });

  it('HOLD at a session with no bar yet: its VWAP is undefined', () => {
    const { strategy, state } = run(zigzag(500, 60, 0.3, -0.2));
    const next = sessionRef('2024-08-07');
    const signal = evaluateExplained(strategy, state, Date.parse('2024-08-07T13:30:00Z'), next);
    expect(signal.reasons).toEqual(['no traded bar of the 2024-08-07 session yet: VWAP undefined']);
  });

  it('refuses a bar fed before the cycle it belongs after, and bars out of order', () => {
    const { strategy, state, at } = run(zigzag(500, 40, 0.3, -0.2));
    expect(() => strategy.evaluate(state, at - 1, session)).toThrow(/closes after the cycle .*look-ahead/);
    const [bar] = minuteBars(DAY, [500]);
    expect(() => strategy.onBarClosed(state, bar!, session)).toThrow(/fed after bar .* in time order/);
    expect(state.bars).toBe(40);
    expect(strategy.evaluate(state, at + 5 * MINUTE_MS, session).action).toBe('BUY');
  });
});
