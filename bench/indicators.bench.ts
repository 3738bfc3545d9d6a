import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { defaultSettings } from '../src/config/schema.js';
import { readBar, type Bar, type BarColumns } from '../src/core/bar.js';
import { MINUTE_MS } from '../src/core/time.js';
import { emaCreate, emaUpdate, emaValue, rsiCreate, rsiUpdate, rsiValue, vwapCreate, vwapUpdate, vwapValue } from '../src/strategy/indicators/index.js';
import { scalpStrategy } from '../src/strategy/scalp.js';
import type { SessionRef, Strategy } from '../src/strategy/strategy.js';
import { whaleStrategy } from '../src/strategy/whale.js';
import { emit } from './lib/emit.js';

// A year of regular-hours 1-minute bars (252 sessions × 390), a seeded random walk around 500.
const SESSIONS = 252;
const PER_SESSION = 390;
const N = SESSIONS * PER_SESSION;
const rng = xoroshiro128plus(20240326);
const col = () => new Float64Array(N);
const bars: BarColumns = { ts: col(), open: col(), high: col(), low: col(), close: col(), volume: col(), length: N };
const session = new Float64Array(N);
let price = 500;
for (let i = 0; i < N; i++) {
  const day = Math.floor(i / PER_SESSION);
  const open = price;
  price *= 1 + (uniformFloat64(rng) - 0.5) * 0.002;
  bars.ts[i] = Date.UTC(2024, 0, 2) + day * 86_400_000 + (i % PER_SESSION) * MINUTE_MS + 14.5 * 3_600_000;
  bars.open[i] = open;
  bars.close[i] = price;
  bars.high[i] = Math.max(open, price) + uniformFloat64(rng) * 0.05;
  bars.low[i] = Math.min(open, price) - uniformFloat64(rng) * 0.05;
  bars.volume[i] = Math.floor(50_000 + uniformFloat64(rng) * 200_000);
  session[i] = day;
}

/** Bars per second of `pass` (one pass over the year, returning a number the run depends on), best of several passes after a warm-up. */
function barsPerSecond(pass: () => number, passes = 30): number {
  let sink = 0;
  for (let i = 0; i < 5; i++) sink += pass();
  let best = Infinity;
  for (let i = 0; i < passes; i++) {
    const t = performance.now();
    sink += pass();
    best = Math.min(best, performance.now() - t);
  }
  if (Number.isNaN(sink)) throw new Error('the indicators produced NaN');
  return (N / best) * 1000;
}

const figure = (name: string, perSecond: number, what: string, target?: string): void =>
  emit(
    { name, value: Math.round(perSecond), unit: 'bars/s', ...(target ? { target } : {}) },
    `${what}: ${(perSecond / 1e6).toFixed(1)}M bars/s`,
  );

// The four indicators of the scalp rules, updated together bar by bar over Float64Array columns.
const indicators = barsPerSecond(() => {
  const [fast, slow, rsi, vwap] = [emaCreate(9), emaCreate(21), rsiCreate(14), vwapCreate()];
  const { high, low, close, volume } = bars;
  for (let i = 0; i < N; i++) {
    const c = close[i]!;
    emaUpdate(fast, c);
    emaUpdate(slow, c);
    rsiUpdate(rsi, c);
    vwapUpdate(vwap, session[i]!, high[i]!, low[i]!, c, volume[i]!);
  }
  return emaValue(fast) + emaValue(slow) + rsiValue(rsi) + vwapValue(vwap, session[N - 1]!);
});
figure('indicators.ema2_rsi_vwap', indicators, 'EMA(9) + EMA(21) + RSI(14) + session VWAP updated together', '≥ 20000000');

// What the backtester pays per bar: a strategy's onBarClosed through one reused Bar object.
function onBarClosedRate<S>(strategy: Strategy<S>): number {
  const bar: Bar = { ts: 0, open: 0, high: 0, low: 0, close: 0, volume: 0 };
  const refs: SessionRef[] = Array.from({ length: SESSIONS }, (_, d) => ({ date: `day-${d}`, ordinal: d }));
  return barsPerSecond(() => {
    const state = strategy.initialState('SPY');
    for (let i = 0; i < N; i++) {
      readBar(bars, i, bar);
      strategy.onBarClosed(state, bar, refs[session[i]!]!);
    }
    return 0;
  }, 15);
}
const settings = defaultSettings().strategy;
figure('strategy.scalp.on_bar_closed', onBarClosedRate(scalpStrategy(settings.scalp)), 'scalp onBarClosed (EMA×2, RSI, ATR, VWAP)');
figure('strategy.whale.on_bar_closed', onBarClosedRate(whaleStrategy(settings.whale)), 'whale onBarClosed (5-minute aggregation, spike test)');
