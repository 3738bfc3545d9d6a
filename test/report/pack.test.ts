import { describe, expect, it } from 'vitest';
import { numbers, strings, table, times } from '../../src/report/pack.js';
import { unpack, unpackColumn } from './unpack.js';

describe('packed report columns', () => {
  it('round-trips prices exactly to their decimals, delta-encoded', () => {
    const prices = [521.23, 521.26, 520.92, 0.01, 1234.5678];
    const c = numbers(prices, 4);
    expect(unpackColumn(c)).toEqual(prices);
    expect(c.k === 'n' && c.d.slice(0, 3)).toEqual([5212300, 300, -3400]);
    expect(unpackColumn(numbers([1.23456789], 4))).toEqual([1.2346]);
  });

  it('uses no more decimals than the values need: cent prices delta-encode as a few cents', () => {
    const cents = numbers([521.23, 521.26, 520.92], 4);
    expect(cents.k === 'n' && [cents.div, cents.d]).toEqual([100, [52123, 3, -34]]);
    expect(unpackColumn(cents)).toEqual([521.23, 521.26, 520.92]);
    expect(unpackColumn(numbers([3, 4], 2))).toEqual([3, 4]);
  });

  it('stores minute stamps as minutes, and falls back to seconds or ms when needed', () => {
    const minutes = [1711459800000, 1711459860000, 1711459920000];
    const c = times(minutes);
    expect(c.k === 'n' && [c.mul, c.d.slice(1)]).toEqual([60_000, [1, 1]]);
    expect(unpackColumn(c)).toEqual(minutes);
    expect(unpackColumn(times([1000, 2500]))).toEqual([1000, 2500]);
    expect((times([1000, 3000]) as { mul: number }).mul).toBe(1000);
  });

  it('keeps non-finite values as null without disturbing the values after them', () => {
    expect(unpackColumn(numbers([1.5, NaN, 2.25, Infinity, 3], 2))).toEqual([1.5, null, 2.25, null, 3]);
  });

  it('dictionary-encodes strings and builds rows; a column of the wrong length is an error', () => {
    const t = table(3, { side: strings(['call', 'put', 'call']), pnl: numbers([1, -2, 3], 2) });
    expect(t.columns.side).toEqual({ k: 's', dict: ['call', 'put'], i: [0, 1, 0] });
    expect(unpack(t)).toEqual([{ side: 'call', pnl: 1 }, { side: 'put', pnl: -2 }, { side: 'call', pnl: 3 }]);
    expect(() => table(2, { side: strings(['call']) })).toThrow('report column "side" has 1 values, expected 2');
  });
});
