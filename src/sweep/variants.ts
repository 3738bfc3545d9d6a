import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { GridParameter } from './grid.js';

/**
 * One point of a grid. `id` is its position in the full product (the first parameter varies
 * slowest), so a sampled variant keeps the id it has in the full grid and a resumed sweep finds
 * it again. `overrides` maps each swept path to its value, in grid order.
 */
export interface Variant {
  id: number;
  overrides: Record<string, unknown>;
}

/** How many points the full product of the grid has. */
export function gridSize(parameters: readonly GridParameter[]): number {
  return parameters.reduce((n, p) => n * p.values.length, 1);
}

/** The variant at position `id` of the full product (mixed radix, last parameter fastest). */
export function variantAt(parameters: readonly GridParameter[], id: number): Variant {
  const overrides: Record<string, unknown> = {};
  let rest = id;
  for (let k = parameters.length - 1; k >= 0; k--) {
    const p = parameters[k]!;
    overrides[p.path] = p.values[rest % p.values.length];
    rest = Math.floor(rest / p.values.length);
  }
  // Rebuild in grid order: the loop above filled the last parameter first.
  return { id, overrides: Object.fromEntries(parameters.map((p) => [p.path, overrides[p.path]])) };
}

export interface ExpandOptions {
  /** Sample this many distinct points instead of the full product (all of them when it is not smaller). */
  random?: number | undefined;
  seed?: number | undefined;
}

/** The variants to run, ordered by id: the full product, or `random` distinct points drawn with `seed`. */
export function expandGrid(parameters: readonly GridParameter[], opts: ExpandOptions = {}): Variant[] {
  const total = gridSize(parameters);
  if (!Number.isSafeInteger(total)) throw new RangeError(`the grid has ${total} points, too many to number`);
  const ids = opts.random !== undefined && opts.random < total ? sampleIds(total, opts.random, opts.seed ?? 1) : Array.from({ length: total }, (_, i) => i);
  return ids.map((id) => variantAt(parameters, id));
}

/** `count` distinct integers of [0, total), ascending (Floyd's algorithm: exactly `count` draws). */
function sampleIds(total: number, count: number, seed: number): number[] {
  const rng = xoroshiro128plus(seed);
  const chosen = new Set<number>();
  for (let j = total - count; j < total; j++) {
    const t = uniformInt(rng, 0, j);
    chosen.add(chosen.has(t) ? j : t);
  }
  return [...chosen].sort((a, b) => a - b);
}
