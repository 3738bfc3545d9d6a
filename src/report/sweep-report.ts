import { stringify } from 'yaml';
import { sessionOn } from '../calendar/index.js';
import type { EquityColumns } from '../journal/columns.js';
import type { Figures } from '../sweep/figures.js';
import { OBJECTIVES, rank } from '../sweep/objective.js';
import type { StoredResult, StoredWalkForward, StoredWindow, SweepSummary } from '../sweep/sweep-store.js';
import { walkForwardGap } from '../sweep/walk-forward.js';
import { equityTable } from './chart-data.js';
import { escapeHtml } from './escape.js';
import { formatStatistic, type Figure } from '../stats/format-statistics.js';
import { chartDiv, htmlTable, section, type Cell } from './html.js';
import { NyClock } from './ny-time.js';
import type { PackedTable } from './pack.js';
import { htmlDocument, type ChartEmbed } from './page.js';
import { equitySpec } from './specs/equity.js';
import { sweepHeatmapSpec } from './specs/sweep-heatmap.js';
import { sweepSensitivitySpec } from './specs/sweep-sensitivity.js';
import { signClass } from './statistics.js';
import { heatmapTable, meanFigures, pairName, scoreVariants, sensitivityTable, valueLabel, type ScoredVariant } from './sweep-data.js';

/** What a sweep report shows: the stored sweep, its results and, for walk-forward, its windows. */
export interface SweepReportModel {
  summary: SweepSummary;
  results: StoredResult[];
  walkForward: { windows: StoredWindow[]; summary: StoredWalkForward } | null;
  /** Rows of the top-N table. */
  top: number;
}

/** Figures the tables show, in order, with their formats. */
const shownAs = (figure: Figure) => (v: number) => formatStatistic(figure, v);
const FIGURE_CELLS: readonly [keyof Figures & Figure, string, (v: number) => string][] = [
  ['sharpe', 'Sharpe', shownAs('sharpe')],
  ['sortino', 'Sortino', shownAs('sortino')],
  ['totalReturn', 'Return', shownAs('totalReturn')],
  ['maxDrawdown', 'Max DD', shownAs('maxDrawdown')],
  ['trades', 'Trades', shownAs('trades')],
  ['winRate', 'Win rate', shownAs('winRate')],
  ['profitFactor', 'Profit factor', shownAs('profitFactor')],
  ['feesPaid', 'Fees', shownAs('feesPaid')],
];
/** An objective's score, whatever its unit, as a plain ratio with two decimals (∞ and – as in the statistics). */
const scoreText = shownAs('sharpe');

const num = (v: number, text: string, cls = ''): Cell => ({ text, sort: v, cls });
/** The figures shown beside the objective (without the objective itself when it is one of them). */
const shownFigures = (objective: string) => FIGURE_CELLS.filter(([k]) => k !== objective);
const figureCells = (f: Figures, shown: typeof FIGURE_CELLS): Cell[] =>
  shown.map(([k, , format]) => num(f[k] as number, format(f[k] as number), k === 'totalReturn' || k === 'sharpe' ? signClass(f[k] as number) : ''));

/** One self-contained HTML page of a sweep (same shell, styles and libraries as run reports); deterministic. */
export function buildSweepReport(model: SweepReportModel): string {
  const def = model.summary.definition;
  const parameters = def.grid.parameters;
  const objective = def.objective;
  const scored = scoreVariants(model.results, objective);
  const ranked = rank(scored, (s) => s.figures, objective, def.minTrades).map((r) => r.item);
  const best = ranked[0];
  const data: Record<string, PackedTable> = {};
  const charts: ChartEmbed[] = [];
  const wf = def.walkForward !== null;
  const scoreNote = wf ? `Each variant is scored by the mean of its figures over the training windows (never their test sessions).` : '';

  const body = [sweepHeader(model)];
  body.push(
    section(
      'section-top',
      `Best ${Math.min(model.top, ranked.length)} of ${scored.length} variants by ${objective}`,
      ranked.length ? `<div class="scroll">${topTable(ranked.slice(0, model.top), model)}</div>` : `<p class="note">No variant has at least ${def.minTrades} trades.</p>`,
      `${scoreNote} Variants with fewer than ${def.minTrades} trades are left out. The last column writes that variant's full run report (it reruns the variant as optbot backtest would).`,
    ),
  );

  if (parameters.length >= 2) {
    const pairs = parameters.flatMap((a, i) => parameters.slice(i + 1).map((b) => pairName(a, b)));
    data.heatmap = heatmapTable(parameters, scored, best);
    charts.push({ id: 'heatmap', renderer: 'svg', spec: sweepHeatmapSpec('heatmap', pairs, objective) });
    body.push(section('section-heatmap', `Heatmap of ${objective}`, chartDiv('heatmap'), 'Choose the two parameters and how the others are treated. Empty cells: no variant with a defined objective there (or, with --random, none sampled).'));
  }
  data.sensitivity = sensitivityTable(parameters, scored, best);
  charts.push({ id: 'sensitivity', renderer: 'svg', spec: sweepSensitivitySpec('sensitivity', objective) });
  body.push(section('section-sensitivity', 'Parameter sensitivity', chartDiv('sensitivity'), `Band: lowest to highest ${objective} over the variants with that value; line: their mean; ◆: with the other parameters at the best variant’s values.`));

  if (model.walkForward) {
    const { windows, summary } = model.walkForward;
    const clock = new NyClock();
    data.oosEquity = equityTable(dailyEquity(summary), clock);
    charts.push({ id: 'oos-equity', renderer: 'canvas', spec: equitySpec('oosEquity') });
    body.push(walkForwardSection(model, windows, summary));
    body.push(section('section-oos-equity', 'Out-of-sample equity (stitched test windows)', chartDiv('oos-equity'), 'Each test window starts from the equity the previous ones left; daily closes.'));
  }

  body.push(`<footer>optbot ${escapeHtml(model.summary.codeVersion)} · sweep ${escapeHtml(def.sweepId)} · dates are New York sessions</footer>`);
  return htmlDocument(`Sweep ${def.symbol} ${def.from}…${def.to} by ${objective}`, body.join('\n'), charts, data);
}

function sweepHeader(model: SweepReportModel): string {
  const s = model.summary;
  const def = s.definition;
  const wf = def.walkForward;
  const facts: [string, string][] = [
    ['Sweep', def.sweepId],
    ['Symbol', `${def.symbol} (${def.base.backtest.instrument === 'option' ? 'options' : 'stock'})`],
    ['Data', `${def.from} → ${def.to} (New York sessions)`],
    ['Data source', def.dataSources.join(', ') || 'unknown'],
    ['Variants', `${s.variants}${def.random !== null ? ` sampled at random (seed ${def.seed}) from the grid` : ' (full grid)'}; ${s.done} of ${s.jobs} backtests stored`],
    ['Objective', `${def.objective}, at least ${def.minTrades} trades`],
    ['Walk-forward', wf ? `train ${wf.train}, test ${wf.test}, step ${wf.step} sessions` : 'no'],
    ['Code version', s.codeVersion],
    ['Created', new Date(s.createdAt).toISOString()],
  ];
  const grid = Object.fromEntries(def.grid.parameters.map((p) => [p.path, p.values]));
  const synthetic = def.dataSources.some((d) => /synthetic/i.test(d))
    ? '<div class="synthetic" role="alert">⚠ SYNTHETIC DATA: these prices were generated, not traded. Nothing here says how the strategy does in a real market.</div>'
    : '';
  return `<header class="run">
${synthetic}<h1>optbot sweep report <span class="badge backtest">${wf ? 'Walk-forward' : 'Sweep'}</span></h1>
<dl class="facts">${facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>
<details><summary>Grid (${escapeHtml(def.grid.file)})</summary><pre>${escapeHtml(stringify(grid))}</pre></details>
<details><summary>Base settings</summary><pre>${escapeHtml(stringify(def.base))}</pre></details>
</header>`;
}

function topTable(rows: readonly ScoredVariant[], model: SweepReportModel): string {
  const def = model.summary.definition;
  const score = OBJECTIVES[def.objective];
  const shown = shownFigures(def.objective);
  const columns = [
    { label: '#', numeric: true },
    { label: 'Variant', numeric: true },
    ...def.grid.parameters.map((p) => ({ label: p.path })),
    { label: def.objective, numeric: true },
    ...shown.map(([, label]) => ({ label, numeric: true })),
    { label: 'Full run report' },
  ];
  const cells = rows.map((r, i): Cell[] => [
    num(i + 1, String(i + 1)),
    num(r.variant, String(r.variant)),
    ...def.grid.parameters.map((p) => ({ text: valueLabel(r.overrides[p.path]) })),
    num(score(r.figures), scoreText(score(r.figures))),
    ...figureCells(r.figures, shown),
    { text: `optbot sweep report ${def.sweepId} --variant ${r.variant}`, cls: 'cmd' },
  ]);
  return htmlTable(columns, cells, { id: 'top-table', sortable: true });
}

function walkForwardSection(model: SweepReportModel, windows: readonly StoredWindow[], summary: StoredWalkForward): string {
  const def = model.summary.definition;
  const find = (variant: number | null, segment: string) => model.results.find((r) => r.variant === variant && r.segment === segment);
  const train = windows.map((w) => find(w.variant, `train-${w.window}`)).filter((r): r is StoredResult => r !== undefined);
  const inSample = train.length ? meanFigures(train.map((r) => r.figures)) : null;
  const gap = walkForwardGap(train.map((r) => r.figures.sharpe), summary.figures.sharpe);
  const score = OBJECTIVES[def.objective];

  const rows: [string, (f: Figures) => number, (v: number) => string][] = [
    [def.objective, score, scoreText],
    ...shownFigures(def.objective).map(([k, label, format]): [string, (f: Figures) => number, (v: number) => string] => [label, (f) => f[k] as number, format]),
  ];
  const compare = htmlTable(
    [{ label: 'Figure' }, { label: 'In sample (mean of the chosen variants on their training windows)', numeric: true }, { label: 'Out of sample (stitched test windows)', numeric: true }],
    rows.map(([label, get, format]) => [{ text: label }, inSample ? num(get(inSample), format(get(inSample))) : { text: '–' }, num(get(summary.figures), format(get(summary.figures)))]),
  );
  const windowRows = windows.map((w): Cell[] => {
    const tr = find(w.variant, `train-${w.window}`);
    const te = find(w.variant, `test-${w.window}`);
    return [
      num(w.window, String(w.window)),
      { text: `${w.trainFrom} → ${w.trainTo}` },
      { text: `${w.testFrom} → ${w.testTo}` },
      { text: w.variant === null ? `none of ${w.candidates} has ${def.minTrades} trades` : `${w.variant}: ${def.grid.parameters.map((p) => `${p.path}=${valueLabel(tr?.overrides[p.path])}`).join(', ')}`, cls: 'wrap' },
      tr ? num(score(tr.figures), scoreText(score(tr.figures))) : { text: '–' },
      te ? num(score(te.figures), scoreText(score(te.figures))) : { text: '–' },
      te ? num(te.figures.totalReturn, formatStatistic('totalReturn', te.figures.totalReturn), signClass(te.figures.totalReturn)) : { text: '–' },
      te ? num(te.figures.trades, String(te.figures.trades)) : { text: '–' },
    ];
  });
  const windowTable = htmlTable(
    [
      { label: 'Window', numeric: true },
      { label: 'Training sessions' },
      { label: 'Test sessions' },
      { label: 'Chosen variant' },
      { label: `IS ${def.objective}`, numeric: true },
      { label: `OOS ${def.objective}`, numeric: true },
      { label: 'OOS return', numeric: true },
      { label: 'OOS trades', numeric: true },
    ],
    windowRows,
    { id: 'window-table', sortable: true },
  );
  const ratio = `<p class="diverge">Out-of-sample Sharpe ${escapeHtml(scoreText(gap.outOfSampleSharpe))} against an in-sample mean of ${escapeHtml(scoreText(gap.inSampleSharpe))}: ratio <b>${escapeHtml(scoreText(gap.ratio))}</b> (1 = no decay; at or below 0 the edge did not survive out of sample).</p>`;
  return section('section-walk-forward', `Walk-forward: ${windows.length} windows`, `${ratio}${compare}<h3>Windows</h3><div class="scroll">${windowTable}</div>`);
}

/** The stitched daily closes as equity columns (stamped at each session's close) for the equity chart. */
function dailyEquity(summary: StoredWalkForward): EquityColumns {
  const n = summary.daily.length;
  const ts = Float64Array.from(summary.daily, (d) => sessionOn(d.date)!.close - 60_000);
  const equity = Float64Array.from(summary.daily, (d) => d.equity);
  return { ts, equity, cash: equity, realized: new Float64Array(n), unrealized: new Float64Array(n), openPositions: new Float64Array(n), length: n };
}
