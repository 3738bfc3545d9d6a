import { describe, expect, it } from 'vitest';
import { ConfigError, formatIssue } from '../../src/config/config-error.js';
import { parseSettingsText } from '../../src/config/load-settings.js';
import { defaultSettings } from '../../src/config/schema.js';
import { IbFixedFeeModel } from '../../src/venues/sim/fee-model.js';
import { TickSlippageModel } from '../../src/venues/sim/slippage-model.js';
import { OPTION } from './fixtures.js';

const fees = new IbFixedFeeModel(defaultSettings().backtest.fees);
const option = (quantity: number, premium: number) => fees.orderFee(OPTION, quantity, premium);
const stock = (quantity: number, price: number) => fees.orderFee({ kind: 'stock', symbol: 'SPY' }, quantity, price);

describe('IbFixedFeeModel on the default settings', () => {
  it.each([
    [10, 0.04, 2.5], // 10 × 0.25 (premium under 0.05)
    [10, 0.05, 5], // 10 × 0.50 (0.05 is not under 0.05)
    [10, 0.09, 5], // 10 × 0.50
    [10, 0.1, 6.5], // 10 × 0.65
    [10, 3.2, 6.5], // 10 × 0.65
    [1, 2.0, 1], // 0.65 → the $1.00 minimum
    [3, 0.04, 1], // 3 × 0.25 = 0.75 → $1.00
    [2, 0.07, 1], // 2 × 0.50 = 1.00 exactly
  ])('%i option contracts at $%f pay $%f', (quantity, premium, expected) => {
    expect(option(quantity, premium)).toBeCloseTo(expected, 12);
  });

  it.each([
    [100, 500, 1], // 100 × 0.005 = 0.50 → $1.00 minimum (cap 0.01 × 50,000 = 500)
    [1000, 500, 5], // 1000 × 0.005 = 5.00
    [300, 0.2, 0.6], // 300 × 0.005 = 1.50, but capped at 1 % of 300 × 0.20 = $60 → $0.60
  ])('%i shares at $%f pay $%f', (quantity, price, expected) => {
    expect(stock(quantity, price)).toBeCloseTo(expected, 12);
  });

  it('tiers are settings, checked for order', () => {
    const yaml = 'backtest:\n  fees:\n    premium_tiers:\n      - { premium_below: 0.1, per_contract: 0.5 }\n      - { premium_below: 0.05, per_contract: 0.25 }\n';
    try {
      parseSettingsText(yaml, 'x.yaml');
      expect.unreachable('tiers out of order were accepted');
    } catch (e) {
      expect((e as ConfigError).issues.map(formatIssue)).toEqual(['x.yaml:3 backtest.fees.premium_tiers: must list tiers by increasing premium_below']);
    }
    const custom = parseSettingsText('backtest:\n  fees:\n    per_contract: 0.7\n    premium_tiers: []\n', 'y.yaml').backtest.fees;
    expect(new IbFixedFeeModel(custom).orderFee(OPTION, 10, 0.04)).toBeCloseTo(7, 12); // no tiers: 10 × 0.70
  });
});

describe('TickSlippageModel', () => {
  it('moves buys up and sells down by ticks × $0.01, sells never below 0', () => {
    const slip = new TickSlippageModel(3);
    expect(slip.adverse('BUY', 1.5)).toBeCloseTo(1.53, 12);
    expect(slip.adverse('SELL', 1.5)).toBeCloseTo(1.47, 12);
    expect(slip.adverse('SELL', 0.02)).toBe(0);
  });
});
