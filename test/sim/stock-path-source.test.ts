import { describe, expect, it } from 'vitest';
import { PricePath, orderBarPoints } from '../../src/venues/sim/price-path.js';
import { StockPathSource } from '../../src/venues/sim/stock-path-source.js';

const points = (o: number, h: number, l: number, c: number): number[] => {
  const out = new Float64Array(4);
  orderBarPoints(o, h, l, c, out);
  return [...out];
};

describe('bar path order', () => {
  it('visits the extreme nearer the open first', () => {
    expect(points(100, 101, 99.5, 100.2)).toEqual([100, 99.5, 101, 100.2]); // low is 0.5 away, high 1
    expect(points(100, 100.3, 99, 99.2)).toEqual([100, 100.3, 99, 99.2]); // high is 0.3 away, low 1
  });

  it('goes down first on a tie', () => {
    expect(points(100, 101, 99, 100)).toEqual([100, 99, 101, 100]);
  });
});

describe('StockPathSource', () => {
  it('gives bid = ask = the bar path, only for the bar it was given', () => {
    const source = new StockPathSource();
    const path = new PricePath();
    source.setBar('SPY', 60_000, 500, 501, 499.5, 500.2);
    expect(source.path('SPY', 60_000, path)).toBe(true);
    expect([...path.bid]).toEqual([500, 499.5, 501, 500.2]);
    expect([...path.ask]).toEqual([...path.bid]);
    expect(source.path('SPY', 120_000, path)).toBe(false);
    expect(source.path('QQQ', 60_000, path)).toBe(false);
  });
});
