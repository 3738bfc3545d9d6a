/**
 * Compact columnar encoding of the data embedded in a report, decoded by the page script.
 * Numbers are quantized to integers and delta-encoded: consecutive minute stamps become "1" and
 * consecutive prices a few cents, which keeps a year of 1-minute bars around a megabyte.
 */
export type PackedColumn =
  /** value_i = (d_0 + … + d_i) * mul / div; null stays null and does not move the running sum. */
  | { k: 'n'; mul: number; div: number; d: (number | null)[] }
  /** value_i = dict[i_i] */
  | { k: 's'; dict: string[]; i: number[] };

export interface PackedTable {
  length: number;
  columns: Record<string, PackedColumn>;
}

/**
 * Numbers kept to at most `decimals` places, fewer when that is exact (cent prices use 2, so their
 * deltas stay short). Non-finite values become null.
 */
export function numbers(values: ArrayLike<number>, decimals: number): PackedColumn {
  let d = 0;
  while (d < decimals && !everyFinite(values, (v) => Math.abs(v * 10 ** d - Math.round(v * 10 ** d)) < 1e-6)) d++;
  const div = 10 ** d;
  return deltas(values, (v) => Math.round(v * div), 1, div);
}

/** Timestamps (ms) in the coarsest unit that keeps them exact: minutes, seconds or milliseconds. */
export function times(values: ArrayLike<number>): PackedColumn {
  const unit = [60_000, 1_000].find((u) => everyFinite(values, (v) => v % u === 0)) ?? 1;
  return deltas(values, (v) => Math.round(v / unit), unit, 1);
}

export function strings(values: readonly string[]): PackedColumn {
  const index = new Map<string, number>();
  const dict: string[] = [];
  const i = values.map((v) => {
    let n = index.get(v);
    if (n === undefined) {
      n = dict.push(v) - 1;
      index.set(v, n);
    }
    return n;
  });
  return { k: 's', dict, i };
}

export function table(length: number, columns: Record<string, PackedColumn>): PackedTable {
  for (const [name, c] of Object.entries(columns)) {
    const n = c.k === 'n' ? c.d.length : c.i.length;
    if (n !== length) throw new Error(`report column "${name}" has ${n} values, expected ${length}`);
  }
  return { length, columns };
}

function deltas(values: ArrayLike<number>, quantize: (v: number) => number, mul: number, div: number): PackedColumn {
  const d: (number | null)[] = new Array(values.length);
  let prev = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) {
      d[i] = null;
      continue;
    }
    const q = quantize(v);
    d[i] = q - prev;
    prev = q;
  }
  return { k: 'n', mul, div, d };
}

function everyFinite(values: ArrayLike<number>, test: (v: number) => boolean): boolean {
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!) && !test(values[i]!)) return false;
  return true;
}

/** The page script's decoder, also used by tests to prove the round trip. */
export function unpackColumn(c: PackedColumn): (number | string | null)[] {
  if (c.k === 's') return c.i.map((n) => c.dict[n]!);
  let acc = 0;
  return c.d.map((x) => {
    if (x === null) return null;
    acc += x;
    return (acc * c.mul) / c.div;
  });
}
