/*md
# Data tour: what the bar store holds

Before tuning anything, look at the bars the backtests will run on: which sessions are there and
whether they are complete, how prices moved from day to day, and the shape of a day — when the
volume comes and when the price moves. The scalp and whale rules read exactly these bars, so a
gap or an odd volume profile here explains an odd backtest later.
*/
import {
  BarStore,
  MINUTE_MS,
  NyClock,
  notebook,
  openDatabase,
  sessionsBetween,
  show,
  tradingDateOf,
  type Bar,
  type BarColumns,
  type Session,
} from '../src/index.js';

const nb = notebook();
const settings = nb.settings();
const db = await openDatabase(settings.data.store_path);
const store = await BarStore.fromDatabase(db);
const ny = new NyClock();

/*md
## What is stored

One row per symbol and bar size: its span, how many NYSE sessions of that span hold bars, how
many are complete (every regular-hours minute present), and where the bars came from.
*/
const coverage = await store.coverage();
show.table(
  coverage.map((c) => ({
    symbol: c.symbol,
    bar: c.barSize,
    bars: c.bars,
    first: ny.minute(c.first),
    last: ny.minute(c.last),
    sessions: `${c.sessions} of ${c.sessionsInSpan}`,
    complete: c.completeSessions,
    'missing RTH minutes': c.missingRthMinutes,
    sources: c.sources.join(', '),
  })),
);
const series = coverage.find((c) => c.symbol === nb.symbol && c.barSize === '1m');
if (!series) throw new Error(`the store holds no 1-minute bars of ${nb.symbol}`);
console.log(`${nb.symbol}: ${series.bars.toLocaleString('en-US')} one-minute bars from ${ny.date(series.first)} to ${ny.date(series.last)}`);

/*md
## Session coverage

Bars per session against the minutes the session has (390, or 210 on an early close). A short
bar means missing minutes: the backtest still ticks every minute, but no bar closes there, so
no signal can fire on it.
*/
const sessions: Session[] = sessionsBetween(tradingDateOf(series.first), tradingDateOf(series.last));
const bars: BarColumns = await store.readColumns(nb.symbol, '1m', sessions[0]!.open, sessions.at(-1)!.close);
// The bars of each session, as indices into the columns (the later cells reuse them). Bars come in
// time order, so one walk along the sessions places them all.
const barsOf = new Map<string, number[]>(sessions.map((s) => [s.date, []]));
for (let i = 0, k = 0; i < bars.length; i++) {
  while (k < sessions.length && bars.ts[i]! >= sessions[k]!.close) k++;
  if (k < sessions.length && bars.ts[i]! >= sessions[k]!.open) barsOf.get(sessions[k]!.date)!.push(i);
}
const perSession = sessions.map((s) => {
  const n = barsOf.get(s.date)!.length;
  const minutes = (s.close - s.open) / MINUTE_MS;
  return { date: s.date, bars: n, minutes, status: n === 0 ? 'no bars' : n < minutes ? 'incomplete' : minutes < 390 ? 'early close' : 'complete' };
});
show.chart(
  {
    data: { values: perSession },
    width: 1000,
    height: 180,
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'date', type: 'ordinal', title: null, axis: { labelAngle: -60, labelOverlap: true } },
      y: { field: 'bars', type: 'quantitative', title: 'bars in the session' },
      color: { field: 'status', type: 'nominal', title: null, scale: { domain: ['complete', 'early close', 'incomplete', 'no bars'], range: ['#2b6cb0', '#805ad5', '#ed8936', '#e53e3e'] } },
      tooltip: [{ field: 'date' }, { field: 'bars' }, { field: 'minutes', title: 'minutes in session' }, { field: 'status' }],
    },
  },
  { caption: 'Bars per session' },
);
const byStatus = new Map<string, number>();
for (const s of perSession) byStatus.set(s.status, (byStatus.get(s.status) ?? 0) + 1);
show.table([...byStatus].map(([status, count]) => ({ status, sessions: count })));

/*md
## Day by day

Each session's open, high, low and close from its 1-minute bars, and its range as a share of the
open: the room a take-profit of 20 % on an at-the-money option needs the underlying to travel.
*/
type Day = Omit<Bar, 'ts'> & { date: string; rangePct: number };
const days: Day[] = [];
for (const s of sessions) {
  let day: Day | null = null;
  for (const i of barsOf.get(s.date)!) {
    if (!day) day = { date: s.date, open: bars.open[i]!, high: -Infinity, low: Infinity, close: 0, volume: 0, rangePct: 0 };
    day.high = Math.max(day.high, bars.high[i]!);
    day.low = Math.min(day.low, bars.low[i]!);
    day.close = bars.close[i]!;
    day.volume += bars.volume[i]!;
  }
  if (day) days.push({ ...day, rangePct: (day.high - day.low) / day.open });
}
show.chart(
  {
    data: { values: days },
    width: 1000,
    height: 260,
    encoding: { x: { field: 'date', type: 'ordinal', title: null, axis: { labelAngle: -60, labelOverlap: true } } },
    layer: [
      { mark: { type: 'rule', color: '#4a5568' }, encoding: { y: { field: 'low', type: 'quantitative', scale: { zero: false }, title: `${nb.symbol} ($)` }, y2: { field: 'high' } } },
      {
        mark: { type: 'bar', size: 6 },
        encoding: {
          y: { field: 'open', type: 'quantitative' },
          y2: { field: 'close' },
          color: { condition: { test: 'datum.close >= datum.open', value: '#1a9850' }, value: '#d73027' },
          tooltip: [{ field: 'date' }, { field: 'open' }, { field: 'high' }, { field: 'low' }, { field: 'close' }, { field: 'rangePct', title: 'range', format: '.2%' }],
        },
      },
    ],
  },
  { caption: 'Daily candles from the 1-minute bars' },
);
const ranges = days.map((d) => d.rangePct).sort((a, b) => a - b);
const median = (xs: readonly number[]): number => (xs.length === 0 ? NaN : xs.length % 2 ? xs[(xs.length - 1) / 2]! : (xs[xs.length / 2 - 1]! + xs[xs.length / 2]!) / 2);
console.log(`median daily range ${(median(ranges) * 100).toFixed(2)} % of the open; smallest ${(ranges[0]! * 100).toFixed(2)} %, largest ${(ranges.at(-1)! * 100).toFixed(2)} %`);

/*md
## The shape of a day

For every 5-minute slot of the regular session (09:30, 09:35, …), over all complete full days:
the mean share of the day's volume traded in it, and the volatility of 1-minute returns in it
(annualised standard deviation of log returns). Intraday series are usually U-shaped: busy and
jumpy at the open, quiet at lunch, busy again into the close.
*/
const SLOT_MINUTES = 5;
const slots = 390 / SLOT_MINUTES;
const volumeShare = new Float64Array(slots);
const sumSq = new Float64Array(slots);
const count = new Float64Array(slots);
let fullDays = 0;
for (const s of sessions) {
  if ((s.close - s.open) / MINUTE_MS !== 390) continue;
  const idx = barsOf.get(s.date)!;
  if (idx.length !== 390) continue;
  fullDays++;
  const total = idx.reduce((sum, i) => sum + bars.volume[i]!, 0);
  idx.forEach((i, k) => {
    const slot = Math.floor(k / SLOT_MINUTES);
    volumeShare[slot]! += bars.volume[i]! / total;
    if (k > 0) {
      const r = Math.log(bars.close[i]! / bars.close[idx[k - 1]!]!);
      sumSq[slot]! += r * r;
      count[slot]!++;
    }
  });
}
const label = (slot: number): string => {
  const m = 9 * 60 + 30 + slot * SLOT_MINUTES;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};
const profile = Array.from({ length: slots }, (_, k) => ({
  slot: label(k),
  volumePct: fullDays ? (volumeShare[k]! / fullDays) * 100 : NaN,
  annualVolPct: count[k]! > 0 ? Math.sqrt((sumSq[k]! / count[k]!) * 390 * 252) * 100 : NaN,
}));
const slotAxis = { field: 'slot', type: 'ordinal' as const, title: 'New York time (5-minute slot)', axis: { labelAngle: -60, values: profile.filter((_, k) => k % 6 === 0).map((p) => p.slot) } };
show.chart(
  {
    data: { values: profile },
    vconcat: [
      { width: 1000, height: 160, mark: { type: 'bar', color: '#2b6cb0' }, encoding: { x: slotAxis, y: { field: 'volumePct', type: 'quantitative', title: '% of day volume' }, tooltip: [{ field: 'slot' }, { field: 'volumePct', format: '.2f' }] } },
      { width: 1000, height: 160, mark: { type: 'line', point: true, color: '#e53e3e' }, encoding: { x: slotAxis, y: { field: 'annualVolPct', type: 'quantitative', title: 'annualised vol %' }, tooltip: [{ field: 'slot' }, { field: 'annualVolPct', format: '.1f' }] } },
    ],
  },
  { caption: `Intraday volume and volatility profile over ${fullDays} complete full sessions` },
);

/*md
## What it means for the strategy

The figures below come from the profile above and the settings in use.
*/
const sum = (from: number, to: number) => profile.slice(from, to).reduce((s, p) => s + p.volumePct, 0);
const openVol = profile.slice(0, 6).reduce((s, p) => s + p.annualVolPct, 0) / 6;
const midVol = profile.slice(30, 48).reduce((s, p) => s + p.annualVolPct, 0) / 18;
const scalp = settings.strategy.scalp;
const whale = settings.strategy.whale;
const firstScalp = label(Math.ceil(scalp.min_bars / SLOT_MINUTES));
show.md(
  [
    `- The first 30 minutes carry **${sum(0, 6).toFixed(1)} %** of a day's volume and the last 30 minutes **${sum(72, 78).toFixed(1)} %**; an even spread would give 7.7 % each.`,
    `- 1-minute volatility in the first half hour is **${(openVol / midVol).toFixed(1)}×** the midday level (11:00–12:30).`,
    `- The scalp rule needs ${scalp.min_bars} closed bars of the session (\`strategy.scalp.min_bars\`): its first possible signal is the cycle at **${firstScalp}**, after the busiest, most volatile stretch of the morning.`,
    `- The whale rule compares ${whale.bar_minutes}-minute volume with the mean of the last ${whale.lookback_bars} bars of the same session: against this U shape, a spike multiple of ${whale.spike_multiple} is easier to reach late in the day (volume rising from the lunch lull) than at the open.`,
    nb.data.synthetic ? '- These bars are **synthetic**: the generator builds the U shapes in, so this tour checks the pipeline, not the market.' : '- These are stored market bars: compare the shape with the synthetic sample to see what the generator misses.',
  ].join('\n'),
);
store.close();
db.close();
