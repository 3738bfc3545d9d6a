import { describe, expect, it } from 'vitest';
import { detectLayout, detectStampFormat } from '../../src/venues/history/file-layout.js';

describe('detectLayout', () => {
  it('maps common header aliases in any case', () => {
    const l = detectLayout(['Datetime', 'O', 'H', 'L', 'C', 'Vol', 'vwap'], { Datetime: '2024-03-26 09:30:00' });
    expect(l).toEqual({ stamp: { column: 'Datetime' }, prices: { open: 'O', high: 'H', low: 'L', close: 'C', volume: 'Vol' }, format: 'local' });
  });

  it('joins separate date and time columns', () => {
    const l = detectLayout(['Date', 'Time', 'Open', 'High', 'Low', 'Close'], { Date: '03/26/2024', Time: '09:30' });
    expect(l.stamp).toEqual({ date: 'Date', time: 'Time' });
    expect(l.prices.volume).toBeNull();
  });

  it('names what is missing', () => {
    expect(() => detectLayout(['ts', 'open', 'close'], {})).toThrow('missing columns high, low; found ts, open, close');
    expect(() => detectLayout(['when', 'open'], {})).toThrow(/no time stamp column/);
  });
});

describe('detectStampFormat', () => {
  it.each([
    ['2024-03-26T09:30:00-04:00', 'offset'],
    ['2024-03-26 13:30:00Z', 'offset'],
    ['2024-03-26 13:30:00+0000', 'offset'],
    ['2024-03-26 09:30:00', 'local'],
    ['2024-03-26', 'local'],
    ['1711459800', 'epoch_s'],
    ['1711459800000', 'epoch_ms'],
  ])('%s is %s', (sample, format) => expect(detectStampFormat(sample)).toBe(format));
});
