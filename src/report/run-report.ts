import { dailyTable, equityTable, overviewTable, barsTable, premiumTables, signalsTable, tradeMarkersTable } from './chart-data.js';
import { escapeHtml } from './escape.js';
import { chartDiv, section } from './html.js';
import type { ReportModel, SymbolBars } from './model.js';
import { NyClock } from './ny-time.js';
import type { PackedTable } from './pack.js';
import { htmlDocument, type ChartEmbed } from './page.js';
import { MODE_LABELS, runHeader } from './run-header.js';
import { calendarSpec, dailyPnlSpec } from './specs/daily-pnl.js';
import { equitySpec } from './specs/equity.js';
import { premiumPathsSpec, tradePremiumSpec } from './specs/premium.js';
import { OVERVIEW_VIEW, priceSpec } from './specs/price.js';
import { statisticsGrid } from './statistics.js';
import { logTable, problemLogs, riskEvents, riskTable, tradeTable } from './tables.js';

/** Long event lists are cut here so a noisy run cannot bloat the file; the section says how many were left out. */
export const MAX_TABLE_ROWS = 2_000;

const PRICE_LEGEND = `<p class="legend">Entry <b>▲</b> call <b>▼</b> put <b>◆</b> stock · exit <b>■</b> · <span class="pos">■ won</span> <span class="neg">■ lost</span> · signals: <span class="pos">BUY</span> <span class="neg">SELL</span> <span class="hold">HOLD</span>, darker = more confident</p>`;

/** The detail chart opens on the last session of the range (the brush's starting position). */
function lastSession(bars: SymbolBars, clock: NyClock): [number, number] {
  const ts = bars.bars.ts;
  const n = bars.bars.length;
  if (n === 0) return [0, 1];
  const day = clock.date(ts[n - 1]!);
  let i = n - 1;
  while (i > 0 && clock.date(ts[i - 1]!) === day) i--;
  return [clock.wall(ts[i]!), clock.wall(ts[n - 1]!) + 60_000];
}

const capped = <T>(rows: readonly T[]): { shown: readonly T[]; note: string } =>
  rows.length > MAX_TABLE_ROWS
    ? { shown: rows.slice(0, MAX_TABLE_ROWS), note: `Showing the first ${MAX_TABLE_ROWS.toLocaleString('en-US')} of ${rows.length.toLocaleString('en-US')}.` }
    : { shown: rows, note: '' };

/**
 * One self-contained HTML report of a run, built from the report model alone (the journal's content).
 * Deterministic: the same model gives the same bytes.
 */
export function buildRunReport(model: ReportModel): string {
  const clock = new NyClock();
  const data: Record<string, PackedTable> = {};
  const charts: ChartEmbed[] = [];
  const body: string[] = [runHeader(model.run, clock), section('statistics', 'Statistics', statisticsGrid(model.statistics))];

  const priceChartId = new Map<string, string>();
  const priceSections = model.bars.map((series, i) => {
    const id = `price-${i}`;
    priceChartId.set(series.symbol, id);
    const names = { overview: `overview${i}`, bars: `bars${i}`, trades: `trades${i}`, signals: `signals${i}` };
    data[names.overview] = overviewTable(series, clock);
    data[names.bars] = barsTable(series, clock);
    data[names.trades] = tradeMarkersTable(model.trades.filter((t) => t.symbol === series.symbol), series, clock);
    data[names.signals] = signalsTable(model, series.symbol, clock);
    charts.push({ id, renderer: 'canvas', focusScale: `${OVERVIEW_VIEW}_x`, spec: priceSpec({ ...names, initialRange: lastSession(series, clock) }) });
    return section(
      `section-${id}`,
      `${series.symbol}: price, trades and signals`,
      PRICE_LEGEND + chartDiv(id),
      'Overview: the low–high of every bucket, so no extreme is lost. Drag on it to choose what the detail shows: every 1-minute bar up to 10 days, the buckets beyond. Click a trade in the table to focus it.',
    );
  });
  body.push(...priceSections);

  const options = model.run.instrument === 'option' && model.marks.length > 0 && model.trades.length > 0;
  if (options) {
    const { marks, levels } = premiumTables(model, clock);
    data.premium = marks;
    data.premiumLevels = levels;
    charts.push({ id: 'premium-trade', renderer: 'svg', spec: tradePremiumSpec('premium', 'premiumLevels', model.trades[0]!.intentId) });
    body.push(
      section(
        'section-premium-trade',
        'Premium of the focused trade',
        `<p class="note" id="premium-trade-caption">${escapeHtml(model.trades[0]!.contract)} (click a trade below to show another)</p>${chartDiv('premium-trade')}`,
      ),
    );
  }

  const chartOf = (symbol: string): string => priceChartId.get(symbol) ?? 'price-0';
  body.push(
    section(
      'section-trades',
      `Trades (${model.trades.length.toLocaleString('en-US')})`,
      model.trades.length ? `<div class="scroll">${tradeTable(model.trades, clock, { id: 'trades-table', chartOf })}</div>` : '<p class="note">No trades.</p>',
      model.trades.length ? 'Click a column to sort, a row to focus the charts on that trade. Prices are per share (premium per option); P&L is net of fees.' : '',
    ),
  );

  data.equity = equityTable(model.equity, clock);
  charts.push({ id: 'equity', renderer: 'canvas', spec: equitySpec('equity') });
  body.push(section('section-equity', 'Equity and drawdown', chartDiv('equity'), 'Band: each bucket’s lowest and highest equity; drawdown measured from the running peak at full resolution.'));

  data.daily = dailyTable(model);
  charts.push({ id: 'daily-pnl', renderer: 'svg', spec: dailyPnlSpec('daily') }, { id: 'calendar', renderer: 'svg', spec: calendarSpec('daily') });
  body.push(section('section-daily', 'Daily P&L', `<div class="two">${chartDiv('daily-pnl')}${chartDiv('calendar')}</div>`));

  if (options) {
    charts.push({ id: 'premium-paths', renderer: 'canvas', spec: premiumPathsSpec('premium', 'premiumLevels') });
    body.push(section('section-premium-paths', 'Premium paths of all trades', chartDiv('premium-paths'), 'Each line is one trade’s premium relative to its entry; dashed lines are the median take-profit and stop levels.'));
  }

  const risk = capped(riskEvents(model));
  body.push(section('section-risk', 'Risk events', risk.shown.length ? `<div class="scroll">${riskTable(risk.shown, clock)}</div>` : '<p class="note">No guard halts and no rejected entries.</p>', risk.note));

  const logs = capped(problemLogs(model.logs));
  if (logs.shown.length) body.push(section('section-logs', 'Warnings and errors', `<div class="scroll">${logTable(logs.shown, clock)}</div>`, logs.note));

  body.push(`<footer>optbot ${escapeHtml(model.run.codeVersion)} · run ${escapeHtml(model.run.runId)} · times are New York</footer>`);
  const title = `${MODE_LABELS[model.run.mode] ?? model.run.mode} ${model.run.symbols.join(',')} ${clock.date(model.run.dataFrom)}…${clock.date(model.run.dataTo)}`;
  return htmlDocument(title, body.join('\n'), charts, data);
}
