import { escapeHtml } from './escape.js';
import { fmtMoney, fmtNumber, fmtPct, fmtRatio } from './format.js';
import type { RunStatistics } from './model.js';

type StatKey = Exclude<keyof RunStatistics, 'daily'>;

/** The statistics shown, in order, how each is formatted, and whether its sign is coloured (green above zero, red below). */
export const STATISTICS: readonly { key: StatKey; label: string; format: (v: number) => string; signed?: boolean }[] = [
  { key: 'totalReturn', label: 'Total return', format: fmtPct, signed: true },
  { key: 'annualizedReturn', label: 'Annualized return', format: fmtPct, signed: true },
  { key: 'sharpe', label: 'Sharpe', format: fmtRatio, signed: true },
  { key: 'sortino', label: 'Sortino', format: fmtRatio, signed: true },
  { key: 'maxDrawdown', label: 'Max drawdown', format: fmtPct },
  { key: 'maxDrawdownDurationDays', label: 'Max drawdown duration (days)', format: fmtNumber },
  { key: 'winRate', label: 'Win rate', format: fmtPct },
  { key: 'profitFactor', label: 'Profit factor', format: fmtRatio },
  { key: 'expectancy', label: 'Expectancy / trade', format: fmtMoney, signed: true },
  { key: 'avgWin', label: 'Average win', format: fmtMoney },
  { key: 'avgLoss', label: 'Average loss', format: fmtMoney },
  { key: 'exposure', label: 'Exposure (time in market)', format: fmtPct },
  { key: 'tradesPerDay', label: 'Trades / day', format: fmtNumber },
  { key: 'feesPaid', label: 'Fees paid', format: fmtMoney },
  { key: 'trades', label: 'Trades', format: fmtNumber },
];

export const signClass = (v: number): string => (v > 0 ? 'pos' : v < 0 ? 'neg' : '');

export function statisticsGrid(s: RunStatistics): string {
  const cells = STATISTICS.map(({ key, label, format, signed }) => {
    const v = s[key];
    const cls = signed ? signClass(v) : '';
    return `<div class="stat"><div class="k">${escapeHtml(label)}</div><div class="v${cls ? ` ${cls}` : ''}">${escapeHtml(format(v))}</div></div>`;
  });
  return `<div class="stats">${cells.join('')}</div>`;
}
