import { defaultSettings } from '../src/config/schema.js';
import type { Instrument, Order } from '../src/core/order.js';
import { SimBroker } from '../src/venues/sim/sim-broker.js';
import { StockPathSource } from '../src/venues/sim/stock-path-source.js';
import { emit } from './lib/emit.js';

// The broker runs once per bar of every backtest: with a 5M bars/s target for the whole run it
// must take well under 100 ns a bar. One working bracket whose children never trigger is the
// common steady state (a position held for many bars); a parent waiting for its limit is the other.
const BARS = 1 << 20;
const ROUNDS = 8;
const shares: Instrument = { kind: 'stock', symbol: 'SPY' };

// A deterministic wiggle around $500 that stays inside every price below.
const open = new Float64Array(BARS);
const high = new Float64Array(BARS);
const low = new Float64Array(BARS);
const close = new Float64Array(BARS);
for (let i = 0; i < BARS; i++) {
  open[i] = 500 + Math.sin(i / 50);
  close[i] = 500 + Math.sin((i + 1) / 50);
  high[i] = Math.max(open[i]!, close[i]!) + 0.05 * (i % 3);
  low[i] = Math.min(open[i]!, close[i]!) - 0.05 * (i % 5);
}

const order = (role: Order['role'], side: Order['side'], type: Order['type'], price: number): Order => ({
  orderId: `b:${role}`,
  intentId: 'b',
  role,
  instrument: shares,
  side,
  type,
  quantity: 100,
  price,
  status: 'pending',
  ocoGroup: 'b',
});

/** Bars per second through StockPathSource.setBar + SimBroker.onBar with one bracket whose entry is `entry`. */
function barsPerSecond(entry: Order): number {
  const paths = new StockPathSource();
  const broker = SimBroker.fromSettings(defaultSettings().backtest, paths);
  broker.submit({
    type: 'SubmitBracket',
    ts: 0,
    intentId: 'b',
    parent: entry,
    takeProfit: order('take-profit', 'SELL', 'LMT', 10_000),
    stopLoss: order('stop-loss', 'SELL', 'STP', 1),
    cancelParentAt: null,
  });
  let events = 0;
  let best = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    for (let i = 0; i < BARS; i++) {
      const ts = (round * BARS + i) * 60_000;
      paths.setBar('SPY', ts, open[i]!, high[i]!, low[i]!, close[i]!);
      events += broker.onBar(ts, ts + 60_000).length;
    }
    const perSecond = (BARS / (performance.now() - start)) * 1000;
    if (round > 0 && perSecond > best) best = perSecond; // round 0 warms the JIT
  }
  if (events !== (entry.type === 'MKT' ? 1 : 0)) throw new Error(`unexpected fills in the benchmark: ${events}`);
  return best;
}

const held = barsPerSecond(order('entry', 'BUY', 'MKT', NaN));
emit(
  { name: 'sim-broker.onBar.bracket-held', value: Math.round(held), unit: 'bars/s', target: '≥ 10000000' },
  `onBar with one open bracket (stop and take-profit working): ${Math.round(held).toLocaleString('en-US')} bars/s`,
);
const waiting = barsPerSecond(order('entry', 'BUY', 'LMT', 1));
emit(
  { name: 'sim-broker.onBar.entry-waiting', value: Math.round(waiting), unit: 'bars/s', target: '≥ 10000000' },
  `onBar with one entry limit that never fills: ${Math.round(waiting).toLocaleString('en-US')} bars/s`,
);
