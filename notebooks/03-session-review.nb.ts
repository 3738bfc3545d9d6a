/*md
# Session review: a rehearsed day against its backtest

The promise of the workbench is that what the backtest did is what the live loop would have done
with the same inputs. This notebook takes one day, rehearses it on the live run loop
(`optbot simulate`: simulated clock, replay feed, state store, the engine rebuilt from the saved
state in the morning) and backtests the same day, then compares the two journals line by line
and decision by decision. A divergence is either a bug or an input that differed; it is never
noise.

Then it rehearses the day again with one setting changed — the take-profit a trader is tempted to
tighten — to show what a real divergence looks like and where to find it.
*/
import {
  BarStore,
  JOURNAL_TABLES,
  NyClock,
  VERSION,
  backtestStored,
  compareJournals,
  firstDivergence,
  formatDifference,
  loadReportModel,
  loadRun,
  matchTrades,
  notebook,
  openDatabase,
  rehearse,
  sessionsBetween,
  show,
  tradingDateOf,
  writeRunReport,
  type Database,
  type Settings,
  type TradingDate,
} from '../src/index.js';
import { join } from 'node:path';

const nb = notebook();
const settings = nb.settings();
const db: Database = await openDatabase(settings.data.store_path);
const ny = new NyClock();
const store = await BarStore.fromDatabase(db);
const series = (await store.series()).find((s) => s.symbol === nb.symbol && s.barSize === '1m');
store.close();
if (!series) throw new Error(`no 1-minute bars of ${nb.symbol}`);

/*md
## Choosing the day

The last few stored sessions are backtested; the one with the most trades is reviewed (a day
without trades would compare signals only).
*/
const recent = sessionsBetween(tradingDateOf(series.first), tradingDateOf(series.last)).slice(nb.quick ? -3 : -10);
const backtestDay = async (s: Settings, date: TradingDate) => {
  const runId = nb.runId('bt');
  const r = await backtestStored({ db, settings: s, symbol: nb.symbol, from: date, to: date, runId, codeVersion: VERSION, now: Date.now });
  return { runId, date, trades: r.statistics.trades, pnl: r.statistics.finalEquity - r.statistics.initialEquity };
};
const candidates = [];
for (const s of recent) candidates.push(await backtestDay(settings, s.date));
show.table(candidates.map((c) => ({ date: c.date, trades: c.trades, 'net P&L $': c.pnl, run: c.runId })));
const chosen = candidates.reduce((best, c) => (c.trades >= best.trades ? c : best));
const day = chosen.date;
console.log(`reviewing ${day}: ${chosen.trades} trades in the backtest ${chosen.runId}`);

/*md
## Rehearsal and backtest of the same day

`rehearse` is what `optbot simulate --date DAY --speed max` runs. Both runs are journalled in
the store; the journals are then compared table by table (signals, risk decisions, orders,
fills, trades, equity, marks, bars — not the logs, which each mode writes its own way).
*/
const rehearseDay = (s: Settings, stateName: string) =>
  rehearse({ db, settings: s, from: day, speed: 'max', stateDir: join(nb.workDir, stateName), runId: nb.runId('sim'), codeVersion: VERSION, now: Date.now });
const rehearsal = await rehearseDay(settings, 'state-same');
const tables = JOURNAL_TABLES.filter((t) => t !== 'logs');
const btJournal = await loadRun(db, chosen.runId);
const simJournal = await loadRun(db, rehearsal.run.runId);
const differences = compareJournals(btJournal, simJournal, tables, { ignore: { run: ['mode'] } });
show.table(
  tables.map((t) => {
    const rows = (x: typeof btJournal) => (t === 'run' ? 1 : (x[t] as { length: number }).length);
    return { table: t, backtest: rows(btJournal), rehearsal: rows(simJournal), differences: differences.filter((d) => d.table === t).length };
  }),
  { caption: `Journal rows, backtest ${chosen.runId} against rehearsal ${rehearsal.run.runId}` },
);
if (differences.length > 0) {
  show.table(differences.map((d) => ({ difference: formatDifference(d) })), { caption: 'First differences' });
  throw new Error(`the rehearsal of ${day} journalled something the backtest did not: ${formatDifference(differences[0]!)}`);
}
show.md(`**Parity holds on ${day}:** ${btJournal.signals.length} signals, ${btJournal.orders.length} orders and ${btJournal.trades.length} trades, identical in both journals.`);

/*md
## The day on a chart

The underlying's 1-minute closes with each trade's entry (▲) and exit (■), coloured by its P&L.
*/
const bars = btJournal.bars;
const price = Array.from({ length: bars.length }, (_, i) => ({ time: ny.minute(bars.ts[i]!).slice(11), close: bars.close[i]! }));
const closeAt = (ts: number) => {
  let last = NaN;
  for (let i = 0; i < bars.length && bars.ts[i]! <= ts; i++) last = bars.close[i]!;
  return last;
};
const marks = btJournal.trades.flatMap((t) => [
  { time: ny.minute(t.entryTs).slice(11), close: closeAt(t.entryTs), what: 'entry', result: t.pnl > 0 ? 'win' : 'loss', trade: t.contract, pnl: t.pnl },
  { time: ny.minute(t.exitTs).slice(11), close: closeAt(t.exitTs), what: 'exit', result: t.pnl > 0 ? 'win' : 'loss', trade: t.contract, pnl: t.pnl },
]);
const timeAxis = { field: 'time', type: 'ordinal' as const, title: `${day} (New York)`, axis: { values: price.filter((_, i) => i % 30 === 0).map((p) => p.time), labelAngle: 0 } };
show.chart(
  {
    width: 1000,
    height: 260,
    layer: [
      { data: { values: price }, mark: { type: 'line', color: '#4a5568', strokeWidth: 1 }, encoding: { x: timeAxis, y: { field: 'close', type: 'quantitative', scale: { zero: false }, title: `${nb.symbol} ($)` } } },
      {
        data: { values: marks },
        mark: { type: 'point', filled: true, size: 90 },
        encoding: {
          x: timeAxis,
          y: { field: 'close', type: 'quantitative' },
          shape: { field: 'what', type: 'nominal', title: null, scale: { domain: ['entry', 'exit'], range: ['triangle-up', 'square'] } },
          color: { field: 'result', type: 'nominal', title: null, scale: { domain: ['win', 'loss'], range: ['#1a9850', '#d73027'] } },
          tooltip: [{ field: 'time' }, { field: 'what' }, { field: 'trade' }, { field: 'pnl', title: 'P&L $', format: ',.2f' }],
        },
      },
    ],
  },
  { caption: `${nb.symbol} on ${day} with the day's trades` },
);
show.table(
  btJournal.trades.map((t) => ({ entry: ny.minute(t.entryTs).slice(11), exit: ny.minute(t.exitTs).slice(11), contract: t.contract, quantity: t.quantity, 'entry $': t.entryPrice, 'exit $': t.exitPrice, reason: t.exitReason, 'P&L $': t.pnl, 'fees $': t.fees })),
  { caption: 'Trades' },
);

/*md
## A deliberate divergence: the take-profit halved

The same day rehearsed with `risk.take_profit_pct` at half its value, against the unchanged
backtest. The journal comparison lists where the tables part; the decision comparison
(`firstDivergence`, what `optbot report --compare` shows) names the first decision that differs,
with both sides' reasons.
*/
const tighter = nb.settings();
tighter.risk.take_profit_pct = settings.risk.take_profit_pct / 2;
const changed = await rehearseDay(tighter, 'state-changed');
const changedJournal = await loadRun(db, changed.run.runId);
// The run rows differ by construction (the settings): the tables after them are what matters.
const changedDiffs = compareJournals(btJournal, changedJournal, tables.filter((t) => t !== 'run'), { limit: 8 });
show.table(changedDiffs.map((d) => ({ difference: formatDifference(d) })), { caption: `First journal differences, backtest against the rehearsal with take_profit_pct ${tighter.risk.take_profit_pct}` });
const modelA = await loadReportModel(db, chosen.runId);
const modelB = await loadReportModel(db, changed.run.runId);
const divergence = firstDivergence(modelA, modelB);
if (divergence === null) {
  show.md('No decision differs: the tighter take-profit was never reached on this day, so only the bracket prices changed.');
} else {
  show.table(
    [
      { run: 'backtest (A)', time: divergence.a ? ny.minute(divergence.a.ts).slice(11) : '–', decision: divergence.a?.what ?? 'no further decision', why: divergence.a?.why ?? '' },
      { run: 'rehearsal, tighter take-profit (B)', time: divergence.b ? ny.minute(divergence.b.ts).slice(11) : '–', decision: divergence.b?.what ?? 'no further decision', why: divergence.b?.why ?? '' },
    ],
    { caption: `First divergence, after ${divergence.agreed} agreed decisions` },
  );
}
const { matched, onlyA, onlyB } = matchTrades(modelA.trades, modelB.trades);
show.table(
  matched.map(({ a, b }) => ({ entry: ny.minute(a.entryTs).slice(11), contract: a.contract, 'P&L A $': a.pnl, 'P&L B $': b.pnl, 'exit A': a.exitReason, 'exit B': b.exitReason })),
  { caption: `Matched trades (${matched.length}); only in A: ${onlyA.length}, only in B: ${onlyB.length}` },
);
const equityOf = (run: string, j: typeof btJournal) => Array.from({ length: j.equity.length }, (_, i) => ({ run, time: ny.minute(j.equity.ts[i]!).slice(11), equity: j.equity.equity[i]! }));
show.chart(
  {
    data: { values: [...equityOf('backtest (A)', btJournal), ...equityOf('tighter take-profit (B)', changedJournal)] },
    width: 1000,
    height: 220,
    mark: { type: 'line', strokeWidth: 1.5 },
    encoding: {
      x: timeAxis,
      y: { field: 'equity', type: 'quantitative', scale: { zero: false }, title: 'equity $' },
      color: { field: 'run', type: 'nominal', title: null, scale: { range: ['#2b6cb0', '#ed8936'] } },
      tooltip: [{ field: 'run' }, { field: 'time' }, { field: 'equity', format: ',.2f' }],
    },
  },
  { caption: 'Equity through the day, minute by minute' },
);
const comparePath = join(nb.outDir, `${chosen.runId}-vs-${changed.run.runId}.html`);
await writeRunReport(db, chosen.runId, comparePath, changed.run.runId);
show.link(comparePath, 'The compare report (optbot report --compare): both equity curves, matched and unmatched trades');
const pnl = (s: { finalEquity: number; initialEquity: number }) => s.finalEquity - s.initialEquity;
show.md(
  `On ${day} the unchanged day made **${pnl(rehearsal.statistics).toFixed(2)} $** and the tighter take-profit **${pnl(changed.statistics).toFixed(2)} $** ` +
    `(${changed.statistics.trades} trades against ${rehearsal.statistics.trades}). One day says nothing about the setting; the sweep notebook is where it is judged.`,
);
db.close();
