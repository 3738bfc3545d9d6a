import type { BarColumns } from '../core/bar.js';

/** Account value after each bar, as columns (what statistics and reports iterate). */
export interface EquityColumns {
  ts: Float64Array;
  equity: Float64Array;
  cash: Float64Array;
  realized: Float64Array;
  unrealized: Float64Array;
  /** Positions open after the bar; exposure counts the bars where this is above 0. */
  openPositions: Float64Array;
  length: number;
}

/** The mark of each open position after each bar. */
export interface MarkColumns {
  intentId: string[];
  ts: Float64Array;
  price: Float64Array;
  length: number;
}

/** The underlying bars a run saw, every symbol in one set of columns. */
export interface SymbolBarColumns extends BarColumns {
  symbol: string[];
}

/**
 * Named Float64 columns that grow by doubling, so appending a row allocates only when the
 * capacity doubles (amortised O(1), no object per row). `view()` returns the filled part.
 */
export class GrowableColumns<Name extends string> {
  length = 0;
  private capacity: number;
  readonly cols: Record<Name, Float64Array>;

  constructor(
    private readonly names: readonly Name[],
    capacity = 1024,
  ) {
    this.capacity = Math.max(1, capacity);
    this.cols = {} as Record<Name, Float64Array>;
    for (const n of names) this.cols[n] = new Float64Array(this.capacity);
  }

  /** Reserves the next row and returns its index; write it through `cols`. */
  next(): number {
    if (this.length === this.capacity) this.grow(this.capacity * 2);
    return this.length++;
  }

  /** Reserves `count` rows and returns the index of the first. */
  reserve(count: number): number {
    if (this.length + count > this.capacity) this.grow(Math.max(this.capacity * 2, this.length + count));
    const first = this.length;
    this.length += count;
    return first;
  }

  /** Appends `count` rows from `src` columns starting at `from`. */
  appendFrom(src: Readonly<Record<Name, Float64Array>>, from: number, count: number): void {
    const first = this.reserve(count);
    for (const n of this.names) this.cols[n].set(src[n].subarray(from, from + count), first);
  }

  /** The filled rows of each column (views, not copies). */
  view(): Record<Name, Float64Array> & { length: number } {
    const out: Record<string, Float64Array> = {};
    for (const n of this.names) out[n] = this.cols[n].subarray(0, this.length);
    return Object.assign(out as Record<Name, Float64Array>, { length: this.length });
  }

  private grow(capacity: number): void {
    for (const n of this.names) {
      const next = new Float64Array(capacity);
      next.set(this.cols[n].subarray(0, this.length));
      this.cols[n] = next;
    }
    this.capacity = capacity;
  }
}

export const EQUITY_COLUMNS = ['ts', 'equity', 'cash', 'realized', 'unrealized', 'openPositions'] as const;

/** Appends one equity row (the JournalSink.equity call) without allocating. */
export function appendEquity(
  columns: GrowableColumns<(typeof EQUITY_COLUMNS)[number]>,
  ts: number,
  equity: number,
  cash: number,
  realized: number,
  unrealized: number,
  openPositions: number,
): void {
  const i = columns.next();
  const c = columns.cols;
  c.ts[i] = ts;
  c.equity[i] = equity;
  c.cash[i] = cash;
  c.realized[i] = realized;
  c.unrealized[i] = unrealized;
  c.openPositions[i] = openPositions;
}

export const MARK_COLUMNS = ['ts', 'price'] as const;
export const BAR_COLUMNS = ['ts', 'open', 'high', 'low', 'close', 'volume'] as const;
