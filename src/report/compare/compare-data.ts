import { OVERVIEW_BUCKETS } from '../chart-data.js';
import { downsampleLine } from '../downsample.js';
import type { ReportModel } from '../model.js';
import type { NyClock } from '../ny-time.js';
import { numbers, strings, table, times, type PackedTable } from '../pack.js';

type Runs = readonly [ReportModel, ReportModel];
const label = (run: number): 'A' | 'B' => (run === 0 ? 'A' : 'B');

/** Both runs' equity, each bucketed to its last value per bucket, stacked with a run column. */
export function compareEquityTable(runs: Runs, clock: NyClock): PackedTable {
  const cols = { ts: [] as number[], equity: [] as number[], run: [] as string[] };
  runs.forEach((m, r) => {
    const e = downsampleLine(clock.wallAll(m.equity.ts), m.equity.equity, OVERVIEW_BUCKETS);
    for (let i = 0; i < e.length; i++) {
      cols.ts.push(e.ts[i]!);
      cols.equity.push(e.close[i]!);
      cols.run.push(label(r));
    }
  });
  return table(cols.ts.length, { ts: times(cols.ts), equity: numbers(cols.equity, 2), run: strings(cols.run) });
}

/** Both runs' daily P&L, stacked with a run column. */
export function compareDailyTable(runs: Runs): PackedTable {
  const rows = runs.flatMap((m, r) => m.statistics.daily.map((d) => ({ date: Date.parse(`${d.date}T00:00:00Z`), pnl: d.pnl, run: label(r) })));
  return table(rows.length, { date: times(rows.map((d) => d.date)), pnl: numbers(rows.map((d) => d.pnl), 2), run: strings(rows.map((d) => d.run)) });
}
