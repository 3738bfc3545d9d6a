import { DAY_MS } from '../core/time.js';
import { downsampleLine, downsampleOhlc, indexAtOrBefore } from './downsample.js';
import type { EquityColumns } from '../journal/columns.js';
import type { TradeRecord } from '../journal/records.js';
import type { ReportModel, SymbolBars } from './model.js';
import type { NyClock } from './ny-time.js';
import { numbers, strings, table, times, type PackedTable } from './pack.js';

/** Buckets in the overview and equity charts: ~2 px each at the chart width, plenty for the eye. */
export const OVERVIEW_BUCKETS = 2_000;

const PRICE_DECIMALS = 4;

export const outcomeOf = (t: TradeRecord): 'win' | 'loss' => (t.pnl > 0 ? 'win' : 'loss');
export const sideOf = (t: TradeRecord): 'call' | 'put' | 'stock' => (t.right === 'C' ? 'call' : t.right === 'P' ? 'put' : 'stock');

/** The whole range, bucketed (min/max/first/last), in wall-clock time. */
export function overviewTable(bars: SymbolBars, clock: NyClock, buckets = OVERVIEW_BUCKETS): PackedTable {
  const b = bars.bars;
  const o = downsampleOhlc(clock.wallAll(b.ts), b.open, b.high, b.low, b.close, buckets);
  return table(o.length, {
    ts: times(o.ts),
    tsEnd: times(o.tsEnd),
    open: numbers(o.open, PRICE_DECIMALS),
    high: numbers(o.high, PRICE_DECIMALS),
    low: numbers(o.low, PRICE_DECIMALS),
    close: numbers(o.close, PRICE_DECIMALS),
  });
}

/** Every bar at full resolution for the detail chart (a year packs to about 1.5 MB). */
export function barsTable(bars: SymbolBars, clock: NyClock): PackedTable {
  const b = bars.bars;
  return table(b.length, {
    ts: times(clock.wallAll(b.ts)),
    open: numbers(b.open, PRICE_DECIMALS),
    high: numbers(b.high, PRICE_DECIMALS),
    low: numbers(b.low, PRICE_DECIMALS),
    close: numbers(b.close, PRICE_DECIMALS),
  });
}

/**
 * Round trips placed on the underlying's chart: y is the close of the bar in force at entry and at exit.
 * `ts` repeats the entry time: the field the price chart's brush filters on.
 */
export function tradeMarkersTable(trades: readonly TradeRecord[], bars: SymbolBars, clock: NyClock): PackedTable {
  const b = bars.bars;
  const underlyingAt = (t: number): number => {
    const i = indexAtOrBefore(b.ts, t);
    return i < 0 ? NaN : b.close[i]!;
  };
  return table(trades.length, {
    intent: strings(trades.map((t) => t.intentId)),
    contract: strings(trades.map((t) => t.contract)),
    side: strings(trades.map(sideOf)),
    outcome: strings(trades.map(outcomeOf)),
    exitReason: strings(trades.map((t) => t.exitReason)),
    ts: times(trades.map((t) => clock.wall(t.entryTs))),
    entryTs: times(trades.map((t) => clock.wall(t.entryTs))),
    exitTs: times(trades.map((t) => clock.wall(t.exitTs))),
    entryPx: numbers(trades.map((t) => underlyingAt(t.entryTs)), PRICE_DECIMALS),
    exitPx: numbers(trades.map((t) => underlyingAt(t.exitTs)), PRICE_DECIMALS),
    qty: numbers(trades.map((t) => t.quantity), 4),
    pnl: numbers(trades.map((t) => t.pnl), 2),
  });
}

export function signalsTable(model: ReportModel, symbol: string, clock: NyClock): PackedTable {
  const s = model.signals.filter((x) => x.symbol === symbol);
  return table(s.length, {
    ts: times(s.map((x) => clock.wall(x.ts))),
    strategy: strings(s.map((x) => x.strategy)),
    action: strings(s.map((x) => x.action)),
    confidence: numbers(s.map((x) => x.confidence), 3),
    reasons: strings(s.map((x) => x.reasons.join('; '))),
  });
}

/** Drawdown from the running peak at every point, before any bucketing, so the true worst survives. */
export function drawdown(equity: ArrayLike<number>): Float64Array {
  const dd = new Float64Array(equity.length);
  let peak = -Infinity;
  for (let i = 0; i < equity.length; i++) {
    peak = Math.max(peak, equity[i]!);
    dd[i] = peak > 0 ? equity[i]! / peak - 1 : 0;
  }
  return dd;
}

export function equityTable(eq: EquityColumns, clock: NyClock, buckets = OVERVIEW_BUCKETS): PackedTable {
  const ts = clock.wallAll(eq.ts);
  const e = downsampleLine(ts, eq.equity, buckets);
  const dd = downsampleLine(ts, drawdown(eq.equity), buckets);
  return table(e.length, {
    ts: times(e.ts),
    low: numbers(e.low, 2),
    high: numbers(e.high, 2),
    last: numbers(e.close, 2),
    dd: numbers(dd.low, 5),
  });
}

export function dailyTable(model: ReportModel): PackedTable {
  const days = model.statistics.daily;
  const date = days.map((d) => Date.parse(`${d.date}T00:00:00Z`));
  const monday = date.map((t) => t - ((new Date(t).getUTCDay() + 6) % 7) * DAY_MS);
  return table(days.length, { date: times(date), week: times(monday), pnl: numbers(days.map((d) => d.pnl), 2) });
}

/** Premium marks of every trade: absolute for the focused-trade chart, relative for the all-trades chart. */
export function premiumTables(model: ReportModel, clock: NyClock): { marks: PackedTable; levels: PackedTable } {
  const byIntent = new Map(model.trades.map((t) => [t.intentId, t]));
  const rows = { intent: [] as string[], contract: [] as string[], outcome: [] as string[], ts: [] as number[], minutes: [] as number[], price: [] as number[], rel: [] as number[] };
  for (const m of model.marks) {
    const t = byIntent.get(m.intentId);
    if (!t) continue;
    for (let i = 0; i < m.ts.length; i++) {
      rows.intent.push(t.intentId);
      rows.contract.push(t.contract);
      rows.outcome.push(outcomeOf(t));
      rows.ts.push(clock.wall(m.ts[i]!));
      rows.minutes.push((m.ts[i]! - t.entryTs) / 60_000);
      rows.price.push(m.price[i]!);
      rows.rel.push(m.price[i]! / t.entryPrice - 1);
    }
  }
  const traded = model.trades.filter((t) => t.instrument === 'option');
  return {
    marks: table(rows.ts.length, {
      intent: strings(rows.intent),
      contract: strings(rows.contract),
      outcome: strings(rows.outcome),
      ts: times(rows.ts),
      minutes: numbers(rows.minutes, 2),
      price: numbers(rows.price, PRICE_DECIMALS),
      rel: numbers(rows.rel, 4),
    }),
    levels: table(traded.length, {
      intent: strings(traded.map((t) => t.intentId)),
      outcome: strings(traded.map(outcomeOf)),
      exitReason: strings(traded.map((t) => t.exitReason)),
      entryTs: times(traded.map((t) => clock.wall(t.entryTs))),
      exitTs: times(traded.map((t) => clock.wall(t.exitTs))),
      entry: numbers(traded.map((t) => t.entryPrice), PRICE_DECIMALS),
      exit: numbers(traded.map((t) => t.exitPrice), PRICE_DECIMALS),
      tp: numbers(traded.map((t) => t.takeProfitPrice), PRICE_DECIMALS),
      stop: numbers(traded.map((t) => t.stopPrice), PRICE_DECIMALS),
      tpRel: numbers(traded.map((t) => t.takeProfitPrice / t.entryPrice - 1), 4),
      stopRel: numbers(traded.map((t) => t.stopPrice / t.entryPrice - 1), 4),
    }),
  };
}
