import { formatStatistic } from '../stats/format-statistics.js';
import type { Figures } from './figures.js';
import { OBJECTIVES, type ObjectiveName, type Ranked } from './objective.js';
import type { StoredResult, StoredWindow } from './sweep-store.js';

/** Text columns two spaces apart; the columns in `numeric` are right-aligned. */
function columns(rows: readonly string[][], numeric: ReadonlySet<number>): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd()).join('\n') + '\n';
}

const value = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** Figures every table shows after the swept values. */
const SHOWN: readonly [keyof Figures, string][] = [
  ['sharpe', 'Sharpe'],
  ['totalReturn', 'return'],
  ['trades', 'trades'],
  ['winRate', 'win rate'],
  ['maxDrawdown', 'max DD'],
];

const figureCells = (f: Figures, shown: typeof SHOWN): string[] => shown.map(([k]) => formatStatistic(k as never, f[k]));

/** The best variants: rank, id, each swept value, the objective and a few figures. */
export function bestTable(ranked: readonly Ranked<StoredResult>[], paths: readonly string[], objective: ObjectiveName): string {
  const shown = SHOWN.filter(([k]) => k !== objective);
  const header = ['#', 'variant', ...paths.map((p) => p.split('.').at(-1)!), objective, ...shown.map(([, label]) => label)];
  const rows = ranked.map(({ item, score }, i) => [String(i + 1), String(item.variant), ...paths.map((p) => value(item.overrides[p])), fmt(score), ...figureCells(item.figures, shown)]);
  const numeric = new Set(header.map((_, c) => c).filter((c) => c !== 1 && (c < 2 || c >= 2 + paths.length)));
  return columns([header, ...rows], numeric);
}

/** Walk-forward windows: spans, the chosen values, in-sample objective and out-of-sample figures. */
export function windowTable(windows: readonly StoredWindow[], results: readonly StoredResult[], paths: readonly string[], objective: ObjectiveName): string {
  const find = (variant: number | null, segment: string) => results.find((r) => r.variant === variant && r.segment === segment);
  const header = ['window', 'train', 'test', ...paths.map((p) => p.split('.').at(-1)!), `IS ${objective}`, `OOS ${objective}`, 'OOS return', 'OOS trades'];
  const rows = windows.map((w) => {
    const train = find(w.variant, `train-${w.window}`);
    const test = find(w.variant, `test-${w.window}`);
    const score = (r: StoredResult | undefined) => (r ? fmt(OBJECTIVES[objective](r.figures)) : '–');
    return [
      String(w.window),
      `${w.trainFrom} → ${w.trainTo}`,
      `${w.testFrom} → ${w.testTo}`,
      ...paths.map((p) => (train ? value(train.overrides[p]) : 'none')),
      score(train),
      score(test),
      test ? formatStatistic('totalReturn', test.figures.totalReturn) : '–',
      test ? String(test.figures.trades) : '–',
    ];
  });
  const first = 3 + paths.length;
  return columns([header, ...rows], new Set([0, first, first + 1, first + 2, first + 3]));
}

/** An objective value: NaN as "–", infinities as "∞", else 4 significant decimals. */
export const fmt = (v: number): string => (Number.isNaN(v) ? '–' : Number.isFinite(v) ? v.toFixed(4) : v > 0 ? '∞' : '−∞');
