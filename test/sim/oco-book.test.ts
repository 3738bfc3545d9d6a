import { describe, expect, it } from 'vitest';
import { OcoBook } from '../../src/execution/oco-book.js';

describe('OcoBook', () => {
  it('a fill returns the siblings to cancel and dissolves the group', () => {
    const book = new OcoBook();
    book.add('g1', 'tp');
    book.add('g1', 'sl');
    book.add('g2', 'other');
    expect(book.filled('tp')).toEqual(['sl']);
    expect(book.filled('sl')).toEqual([]);
    expect(book.size).toBe(1);
    expect(book.filled('other')).toEqual([]);
    expect(book.size).toBe(0);
  });

  it('a cancelled member leaves its group; the rest stay linked', () => {
    const book = new OcoBook();
    for (const id of ['a', 'b', 'c']) book.add('g', id);
    book.remove('b');
    expect(book.filled('a')).toEqual(['c']);
    expect(book.size).toBe(0);
  });

  it('an order cannot join two groups', () => {
    const book = new OcoBook();
    book.add('g1', 'x');
    expect(() => book.add('g2', 'x')).toThrow('order x is already in group g1');
  });
});
