import { describe, expect, it } from 'vitest';
import { ConfigError, formatIssue } from '../../src/config/config-error.js';
import { parseSettingsText } from '../../src/config/load-settings.js';

const problems = (yaml: string): string => {
  try {
    parseSettingsText(yaml, 'x.yaml');
  } catch (e) {
    if (e instanceof ConfigError) return e.issues.map(formatIssue).join('\n');
    throw e;
  }
  throw new Error('expected a ConfigError');
};

describe('options settings', () => {
  it('accept every expiry and moneyness form', () => {
    const s = parseSettingsText('options:\n  expiry: {min_days: 1, max_days: 7}\n  moneyness: {delta: 0.3}\n', 'x.yaml');
    expect(s.options.expiry).toEqual({ min_days: 1, max_days: 7 });
    expect(s.options.moneyness).toEqual({ delta: 0.3 });
    expect(parseSettingsText('options:\n  expiry: 0dte\n  moneyness: {itm_strikes: 2}\n', 'x.yaml').options).toMatchObject({ expiry: '0dte', moneyness: { itm_strikes: 2 } });
    expect(parseSettingsText('options:\n  moneyness: {otm_strikes: 1}\n', 'x.yaml').options.moneyness).toEqual({ otm_strikes: 1 });
  });

  it('reject bad forms by line and path', () => {
    expect(problems('options:\n  expiry: monthly\n')).toContain('x.yaml:2 options.expiry: must be "weekly" or "0dte", or {min_days: N, max_days: N}');
    expect(problems('options:\n  expiry: {min_days: 8, max_days: 7}\n')).toContain('options.expiry.max_days: min_days must be ≤ max_days');
    expect(problems('options:\n  expiry: {min_days: -1, max_days: 7}\n')).toContain('options.expiry.min_days: must be ≥ 0');
    expect(problems('options:\n  moneyness: {delta: 1.5}\n')).toContain('x.yaml:2 options.moneyness.delta: must be between 0 and 1');
    expect(problems('options:\n  moneyness: {delta: 0}\n')).toContain('x.yaml:2 options.moneyness.delta: must be between 0 and 1');
    expect(problems('options:\n  moneyness: {strikes: 2}\n')).toContain('x.yaml:2 options.moneyness: must be "atm", {itm_strikes: N}, {otm_strikes: N} or {delta: D} with 0 < D < 1');
    expect(problems('options:\n  moneyness: otm\n')).toContain('options.moneyness: must be "atm"');
  });

  it('backtest.pricing model parameters are validated too', () => {
    expect(problems('backtest:\n  pricing:\n    spread: {tick: 0}\n')).toContain('backtest.pricing.spread.tick: must be > 0');
    expect(problems('backtest:\n  pricing:\n    synthetic_volume: model\n')).toContain('backtest.pricing.synthetic_volume: must be "none"');
    expect(problems('backtest:\n  pricing:\n    realized: {window_bars: 1}\n')).toContain('backtest.pricing.realized.window_bars: must be ≥ 2');
  });
});
