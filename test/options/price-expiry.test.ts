import { describe, expect, it } from 'vitest';
import { newPriceDelta, priceAndDelta, priceExpiry, type ExpiryPrices } from '../../src/options/black-scholes.js';

const pricesFor = (n: number): ExpiryPrices => ({
  callPrice: new Float64Array(n),
  callDelta: new Float64Array(n),
  putPrice: new Float64Array(n),
  putDelta: new Float64Array(n),
});

describe('priceExpiry: a chain an expiry at a time', () => {
  // Deep in and out of the money, at the money, zero and extreme vols; one minute to two years, and expired.
  const strikes = Float64Array.from([360, 650, 700, 719, 720, 720.65, 721, 740, 800, 1400]);
  const vols = Float64Array.from([0.3, 0.2, 0.15, 0.13, 0, 0.12, 0.125, 0.14, 0.25, 3]);
  const rates = { rate: 0.045, dividendYield: 0.013 };

  it('gives every call and put bit for bit what priceAndDelta gives', () => {
    const out = pricesFor(strikes.length);
    const one = newPriceDelta();
    for (const years of [0, -1 / 365, 1 / 525_600, 1 / 365, 7 / 365, 0.25, 2]) {
      priceExpiry({ spot: 720.65, years, ...rates }, strikes, vols, out);
      strikes.forEach((strike, i) => {
        priceAndDelta({ right: 'C', spot: 720.65, strike, years, ...rates }, vols[i]!, one);
        expect([out.callPrice[i], out.callDelta[i]]).toEqual([one.price, one.delta]);
        priceAndDelta({ right: 'P', spot: 720.65, strike, years, ...rates }, vols[i]!, one);
        expect([out.putPrice[i], out.putDelta[i]]).toEqual([one.price, one.delta]);
      });
    }
  });

  it('keeps put–call parity and delta parity at every strike', () => {
    const years = 7 / 365;
    const out = pricesFor(strikes.length);
    priceExpiry({ spot: 720.65, years, ...rates }, strikes, vols, out);
    const dq = Math.exp(-rates.dividendYield * years);
    strikes.forEach((strike, i) => {
      expect(out.callPrice[i]! - out.putPrice[i]!).toBeCloseTo(720.65 * dq - strike * Math.exp(-rates.rate * years), 9);
      expect(out.callDelta[i]! - out.putDelta[i]!).toBeCloseTo(dq, 12);
    });
  });
});
