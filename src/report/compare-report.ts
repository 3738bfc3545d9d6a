import { compareDailyTable, compareEquityTable } from './compare/compare-data.js';
import { firstDivergence, type Decision, type Divergence } from './compare/divergence.js';
import { matchTrades } from './compare/match-trades.js';
import { escapeHtml } from './escape.js';
import { fmtSignedMoney } from './format.js';
import { chartDiv, htmlTable, section, type Cell } from './html.js';
import type { TradeRecord } from '../journal/records.js';
import { FIGURES, formatStatistic } from '../stats/format-statistics.js';
import type { ReportModel } from './model.js';
import { NyClock } from './ny-time.js';
import { htmlDocument } from './page.js';
import { runHeader } from './run-header.js';
import { compareDailySpec, compareEquitySpec } from './specs/compare.js';
import { signClass } from './statistics.js';
import { tradeTable } from './tables.js';

function statisticsDiff(a: ReportModel, b: ReportModel): string {
  const rows = FIGURES.map(([key, label]): Cell[] => {
    const [va, vb] = [a.statistics[key], b.statistics[key]];
    const diff: Cell =
      typeof va === 'number' && typeof vb === 'number'
        ? { text: `${vb - va > 0 ? '+' : ''}${formatStatistic(key, vb - va)}`, cls: signClass(vb - va) }
        : { text: va === vb ? '' : 'differs' };
    return [{ text: label }, { text: formatStatistic(key, va) }, { text: formatStatistic(key, vb) }, diff];
  });
  return htmlTable([{ label: 'Statistic' }, { label: 'A', numeric: true }, { label: 'B', numeric: true }, { label: 'B − A', numeric: true }], rows, { id: 'stats-diff' });
}

function decisionCells(d: Decision | null, clock: NyClock): Cell[] {
  return d ? [{ text: clock.minute(d.ts) }, { text: d.kind }, { text: d.what }, { text: d.why, cls: 'wrap' }] : [{ text: '–' }, { text: '' }, { text: 'no further decision' }, { text: '', cls: 'wrap' }];
}

function divergenceSection(div: Divergence | null, clock: NyClock): string {
  if (!div) return section('divergence', 'First divergence', '<p>None: both runs made the same decisions (signals, risk decisions, orders) over the days both cover.</p>');
  const cols = [{ label: 'Run' }, { label: 'Time (NY)' }, { label: 'Kind' }, { label: 'Decision' }, { label: 'Reasons' }];
  const at = htmlTable(cols, [
    [{ text: 'A' }, ...decisionCells(div.a, clock)],
    [{ text: 'B' }, ...decisionCells(div.b, clock)],
  ], { id: 'divergence-table' });
  const before = div.before.length
    ? `<h3>Last agreed decisions</h3>${htmlTable(cols.slice(1), div.before.map((d) => decisionCells(d, clock)))}`
    : '';
  return section('divergence', 'First divergence', `<div class="diverge">${at}</div>${before}`, `The runs agreed on ${div.agreed.toLocaleString('en-US')} decisions, then:`);
}

function matchedTable(matched: readonly { a: TradeRecord; b: TradeRecord }[], clock: NyClock): string {
  const rows = matched.map(({ a, b }): Cell[] => [
    { text: clock.minute(a.entryTs), sort: a.entryTs },
    { text: clock.minute(b.entryTs), sort: b.entryTs },
    { text: a.contract },
    { text: b.contract },
    { text: fmtSignedMoney(a.pnl), sort: a.pnl, cls: signClass(a.pnl) },
    { text: fmtSignedMoney(b.pnl), sort: b.pnl, cls: signClass(b.pnl) },
    { text: fmtSignedMoney(b.pnl - a.pnl), sort: b.pnl - a.pnl, cls: signClass(b.pnl - a.pnl) },
    { text: a.exitReason },
    { text: b.exitReason },
  ]);
  return htmlTable(
    [{ label: 'Entry A' }, { label: 'Entry B' }, { label: 'Contract A' }, { label: 'Contract B' }, { label: 'P&L A', numeric: true }, { label: 'P&L B', numeric: true }, { label: 'B − A', numeric: true }, { label: 'Exit A' }, { label: 'Exit B' }],
    rows,
    { id: 'matched-table', sortable: true },
  );
}

/**
 * Two runs of the same days side by side (e.g. a live dry-run day against a backtest of it): both
 * headers, the first decision where they part ways with both sides' reasons, the statistics
 * difference, both equity curves and daily P&L, and their trades matched and unmatched.
 */
export function buildCompareReport(a: ReportModel, b: ReportModel): string {
  const clock = new NyClock();
  const from = Math.max(a.run.dataFrom, b.run.dataFrom);
  const to = Math.min(a.run.dataTo, b.run.dataTo);
  const overlap = from <= to ? `Compared over ${clock.minute(from)} → ${clock.minute(to)} (New York), the span both runs cover.` : 'These runs cover no common time: nothing can be matched.';
  const inOverlap = (t: TradeRecord): boolean => t.entryTs >= from && t.entryTs <= to;
  const { matched, onlyA, onlyB } = matchTrades(a.trades.filter(inOverlap), b.trades.filter(inOverlap));
  const only = (id: string, trades: TradeRecord[]): string =>
    trades.length ? `<div class="scroll">${tradeTable(trades, clock, { id })}</div>` : '<p class="note">None.</p>';

  const body = [
    `<h1 class="page">optbot comparison: A against B</h1>`,
    `<div class="side">${runHeader(a.run, clock, 'A')}${runHeader(b.run, clock, 'B')}</div>`,
    `<p class="note">${escapeHtml(overlap)}</p>`,
    divergenceSection(firstDivergence(a, b), clock),
    section('stats', 'Statistics', statisticsDiff(a, b), 'Each run’s statistics over its whole range.'),
    section('section-equity', 'Equity', chartDiv('cmp-equity')),
    section('section-daily', 'Daily P&L', chartDiv('cmp-daily')),
    section('matched', `Matched trades (${matched.length})`, matched.length ? `<div class="scroll">${matchedTable(matched, clock)}</div>` : '<p class="note">None.</p>', 'Same symbol and side, entered within 5 minutes of each other.'),
    section('only-a', `Only in A (${onlyA.length})`, only('only-a-table', onlyA)),
    section('only-b', `Only in B (${onlyB.length})`, only('only-b-table', onlyB)),
  ];
  const data = { equity: compareEquityTable([a, b], clock), daily: compareDailyTable([a, b]) };
  const charts = [
    { id: 'cmp-equity', renderer: 'svg' as const, spec: compareEquitySpec('equity') },
    { id: 'cmp-daily', renderer: 'svg' as const, spec: compareDailySpec('daily') },
  ];
  return htmlDocument(`optbot comparison: ${a.run.runId} vs ${b.run.runId}`, body.join('\n'), charts, data);
}
