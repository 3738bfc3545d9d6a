import { fmtDuration, fmtMoney, fmtPrice, fmtSignedMoney } from './format.js';
import { htmlTable, type Cell } from './html.js';
import type { LogRecord, RiskRecord, TradeRecord } from '../journal/records.js';
import type { ReportModel } from './model.js';
import type { NyClock } from './ny-time.js';
import { signClass } from './statistics.js';

const num = (v: number, text: string, cls = ''): Cell => ({ text, sort: v, cls });
const time = (ts: number, clock: NyClock): Cell => ({ text: clock.minute(ts), sort: ts });

/**
 * A sortable trade table. With `chartOf`, each row knows its trade (intent id, wall-clock span, the
 * price chart it sits on) so clicking it focuses the charts.
 */
export function tradeTable(trades: readonly TradeRecord[], clock: NyClock, opts: { id: string; chartOf?: (symbol: string) => string }): string {
  const rows = trades.map((t): Cell[] => [
    time(t.entryTs, clock),
    // Most trades end the day they start: the exit then shows only its time of day.
    { text: clock.date(t.exitTs) === clock.date(t.entryTs) ? clock.minute(t.exitTs).slice(11) : clock.minute(t.exitTs), sort: t.exitTs },
    { text: t.contract },
    num(t.quantity, String(t.quantity)),
    num(t.entryPrice, fmtPrice(t.entryPrice)),
    num(t.exitPrice, fmtPrice(t.exitPrice)),
    num(t.pnl, fmtSignedMoney(t.pnl), signClass(t.pnl)),
    num(t.fees, fmtMoney(t.fees)),
    { text: t.exitReason },
    num(t.mae, fmtMoney(t.mae)),
    num(t.mfe, fmtMoney(t.mfe)),
    num(t.holdingMs, fmtDuration(t.holdingMs)),
  ]);
  const columns = [
    { label: 'Entry (NY)' },
    { label: 'Exit (NY)' },
    { label: 'Contract' },
    { label: 'Contracts', numeric: true },
    { label: 'Entry $', numeric: true },
    { label: 'Exit $', numeric: true },
    { label: 'P&L', numeric: true },
    { label: 'Fees', numeric: true },
    { label: 'Exit reason' },
    { label: 'MAE', numeric: true },
    { label: 'MFE', numeric: true },
    { label: 'Held', numeric: true },
  ];
  const chartOf = opts.chartOf;
  return htmlTable(columns, rows, {
    id: opts.id,
    sortable: true,
    rowAttrs: chartOf && ((i) => {
      const t = trades[i]!;
      return {
        intent: t.intentId,
        chart: chartOf(t.symbol),
        from: String(clock.wall(t.entryTs)),
        to: String(clock.wall(t.exitTs)),
        label: `${t.contract} · ${clock.minute(t.entryTs)} → ${clock.minute(t.exitTs)} · ${t.exitReason} · ${fmtSignedMoney(t.pnl)}`,
      };
    }),
  });
}

/** Guard halts and releases and every rejected decision, with its reason. Approved entries are the trades. */
export const riskEvents = (model: ReportModel): RiskRecord[] => model.riskDecisions.filter((r) => !r.approved || r.kind !== 'entry');

export function riskTable(events: readonly RiskRecord[], clock: NyClock): string {
  return htmlTable(
    [{ label: 'Time (NY)' }, { label: 'Symbol' }, { label: 'Event' }, { label: 'Outcome' }, { label: 'Reason' }],
    events.map((r) => [
      time(r.ts, clock),
      { text: r.symbol },
      { text: r.kind },
      r.kind === 'entry' ? { text: r.approved ? 'approved' : 'rejected', cls: r.approved ? '' : 'neg' } : { text: r.approved ? '' : 'trading halted', cls: r.approved ? '' : 'neg' },
      { text: r.reason, cls: 'wrap' },
    ]),
    { id: 'risk-table', sortable: true },
  );
}

export const problemLogs = (logs: readonly LogRecord[]): LogRecord[] => logs.filter((l) => l.level === 'warn' || l.level === 'error');

export function logTable(logs: readonly LogRecord[], clock: NyClock): string {
  return htmlTable(
    [{ label: 'Time (NY)' }, { label: 'Level' }, { label: 'Event' }, { label: 'Message' }],
    logs.map((l) => [time(l.ts, clock), { text: l.level, cls: l.level === 'error' ? 'neg' : '' }, { text: l.event }, { text: l.msg ?? '', cls: 'wrap' }]),
    { id: 'log-table' },
  );
}
