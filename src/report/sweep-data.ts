import type { Figures } from '../sweep/figures.js';
import { NUMERIC_FIGURES } from '../sweep/figures.js';
import { OBJECTIVES, type ObjectiveName } from '../sweep/objective.js';
import type { StoredResult } from '../sweep/sweep-store.js';
import { numbers, strings, table, type PackedTable } from './pack.js';

/** A variant as the sweep report ranks it: its swept values, its figures and its objective. */
export interface ScoredVariant {
  variant: number;
  overrides: Record<string, unknown>;
  figures: Figures;
  score: number;
}

export const valueLabel = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/**
 * One score per variant: its figures on the whole range, or, for a walk-forward sweep, the mean
 * of its figures over the training windows (each window's own test span is never included).
 */
export function scoreVariants(results: readonly StoredResult[], objective: ObjectiveName): ScoredVariant[] {
  const byVariant = new Map<number, StoredResult[]>();
  for (const r of results) {
    if (r.segment !== 'all' && !r.segment.startsWith('train-')) continue;
    let list = byVariant.get(r.variant);
    if (!list) byVariant.set(r.variant, (list = []));
    list.push(r);
  }
  return [...byVariant.values()].map((rows) => {
    const figures = meanFigures(rows.map((r) => r.figures));
    return { variant: rows[0]!.variant, overrides: rows[0]!.overrides, figures, score: OBJECTIVES[objective](figures) };
  });
}

/** Figure by figure mean (NaN where any is NaN); a drawdown counts as recovered only if it always did. */
export function meanFigures(list: readonly Figures[]): Figures {
  if (list.length === 1) return list[0]!;
  const out = { maxDrawdownRecovered: list.every((f) => f.maxDrawdownRecovered) } as Figures;
  for (const [k] of NUMERIC_FIGURES) out[k] = list.reduce((s, f) => s + f[k], 0) / list.length;
  return out;
}

export interface SweptParameter {
  path: string;
  values: unknown[];
}

const HEATMAP_MODES = ['best', 'mean', 'max'] as const;
export type HeatmapMode = (typeof HEATMAP_MODES)[number];
export const HEATMAP_MODE_LABELS: Record<HeatmapMode, string> = {
  best: 'other parameters at the best variant’s values',
  mean: 'mean over the other parameters',
  max: 'best over the other parameters',
};

/** "a × b" names of the heatmap's parameter pairs (x first). */
export const pairName = (a: SweptParameter, b: SweptParameter): string => `${a.path} × ${b.path}`;

interface Cells {
  pair: string[];
  mode: string[];
  x: string[];
  xo: number[];
  y: string[];
  yo: number[];
  v: number[];
}

/**
 * The heatmap's cells for every pair of swept parameters and every way of treating the others:
 * fixed at the best variant's values, averaged, or maximised. A cell with no finite score is left out.
 */
export function heatmapTable(parameters: readonly SweptParameter[], scored: readonly ScoredVariant[], best: ScoredVariant | undefined): PackedTable {
  const keys = scored.map((s) => parameters.map((p) => valueLabel(s.overrides[p.path])));
  const bestKey = best ? parameters.map((p) => valueLabel(best.overrides[p.path])) : null;
  const cells: Cells = { pair: [], mode: [], x: [], xo: [], y: [], yo: [], v: [] };
  for (let a = 0; a < parameters.length; a++) {
    for (let b = a + 1; b < parameters.length; b++) {
      const pa = parameters[a]!;
      const pb = parameters[b]!;
      pa.values.forEach((va, i) => {
        pb.values.forEach((vb, j) => {
          const la = valueLabel(va);
          const lb = valueLabel(vb);
          const members: number[] = [];
          scored.forEach((v, s) => keys[s]![a] === la && keys[s]![b] === lb && Number.isFinite(v.score) && members.push(s));
          const atBest = bestKey ? members.find((s) => keys[s]!.every((k, q) => q === a || q === b || k === bestKey[q])) : undefined;
          const scores = members.map((s) => scored[s]!.score);
          const values: Record<HeatmapMode, number> = {
            best: atBest === undefined ? NaN : scored[atBest]!.score,
            mean: scores.length ? scores.reduce((s, x) => s + x, 0) / scores.length : NaN,
            max: scores.length ? Math.max(...scores) : NaN,
          };
          for (const mode of HEATMAP_MODES) {
            if (!Number.isFinite(values[mode])) continue;
            cells.pair.push(pairName(pa, pb));
            cells.mode.push(mode);
            cells.x.push(la);
            cells.xo.push(i);
            cells.y.push(lb);
            cells.yo.push(j);
            cells.v.push(values[mode]);
          }
        });
      });
    }
  }
  return table(cells.v.length, {
    pair: strings(cells.pair),
    mode: strings(cells.mode),
    x: strings(cells.x),
    xo: numbers(cells.xo, 0),
    y: strings(cells.y),
    yo: numbers(cells.yo, 0),
    v: numbers(cells.v, 6),
  });
}

/** Per parameter and value: the objective's mean, min and max over the variants with that value, and at the best's other values. */
export function sensitivityTable(parameters: readonly SweptParameter[], scored: readonly ScoredVariant[], best: ScoredVariant | undefined): PackedTable {
  const rows = { param: [] as string[], label: [] as string[], order: [] as number[], mean: [] as number[], min: [] as number[], max: [] as number[], best: [] as number[] };
  for (const p of parameters) {
    p.values.forEach((value, i) => {
      const label = valueLabel(value);
      const members = scored.filter((s) => valueLabel(s.overrides[p.path]) === label && Number.isFinite(s.score));
      if (members.length === 0) return;
      const others = best ? members.find((m) => parameters.every((q) => q === p || valueLabel(m.overrides[q.path]) === valueLabel(best.overrides[q.path]))) : undefined;
      const scores = members.map((m) => m.score);
      rows.param.push(p.path);
      rows.label.push(label);
      rows.order.push(i);
      rows.mean.push(scores.reduce((s, x) => s + x, 0) / scores.length);
      rows.min.push(Math.min(...scores));
      rows.max.push(Math.max(...scores));
      rows.best.push(others ? others.score : NaN);
    });
  }
  return table(rows.param.length, {
    param: strings(rows.param),
    label: strings(rows.label),
    order: numbers(rows.order, 0),
    mean: numbers(rows.mean, 6),
    min: numbers(rows.min, 6),
    max: numbers(rows.max, 6),
    best: numbers(rows.best, 6),
  });
}
