import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { minuteGrid, sessionByOrdinal, sessionOrdinal, type Session } from '../../calendar/index.js';
import type { BarColumns } from '../../core/bar.js';
import { DEFAULT_SAMPLE, type SyntheticSampleOptions } from './synthetic-sample-options.js';

// The options live in their own module so the CLI's definitions can show the defaults without loading the generator.
export { DEFAULT_SAMPLE, SYNTHETIC_SOURCE, type SyntheticSampleOptions } from './synthetic-sample-options.js';

/** Share of a day's return variance that arrives overnight (SPY: roughly a fifth to a quarter). */
const OVERNIGHT_SHARE = 0.2;
const FULL_DAY_MINUTES = 390;
const DAILY_SHARES = 60e6;
const REGIME_PERSISTENCE = 0.8;
const REGIME_SHOCK = 0.25;
const REGIME_VARIANCE = (REGIME_SHOCK * REGIME_SHOCK) / (1 - REGIME_PERSISTENCE * REGIME_PERSISTENCE);

/**
 * A deterministic SPY-like 1-minute series on the NYSE calendar: U-shaped intraday volume and
 * volatility, overnight gaps, volatility that clusters from day to day, prices in cents near
 * `price`, whole-share volumes. Pure: same options, same bars.
 */
export function syntheticMinuteBars(options: Partial<SyntheticSampleOptions> = {}): BarColumns {
  const o = { ...DEFAULT_SAMPLE, ...options };
  const last = sessionOrdinal(o.endDate);
  const sessions: Session[] = [];
  for (let k = last - o.sessions + 1; k <= last; k++) sessions.push(sessionByOrdinal(k));
  const grids = sessions.map(minuteGrid);
  const n = grids.reduce((sum, g) => sum + g.length, 0);
  const bars: BarColumns = {
    ts: new Float64Array(n), open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n),
    close: new Float64Array(n), volume: new Float64Array(n), length: n,
  };
  const rng = xoroshiro128plus(o.seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniformFloat64(rng))) * Math.cos(2 * Math.PI * uniformFloat64(rng));
  const dailyVar = (o.annualVol * o.annualVol) / 252;
  const volShape = uShape(FULL_DAY_MINUTES, 2.5);
  const volumeShape = uShape(FULL_DAY_MINUTES, 4);
  let price = o.price;
  let regime = 0; // log volatility multiplier, AR(1): calm and busy stretches
  let i = 0;
  for (const grid of grids) {
    regime = REGIME_PERSISTENCE * regime + REGIME_SHOCK * normal();
    const dayScale = Math.exp(regime - REGIME_VARIANCE); // E[dayScale²] = 1: the target vol holds on average
    const pull = -0.02 * Math.log(price / o.price);
    price *= Math.exp(pull + Math.sqrt(OVERNIGHT_SHARE * dailyVar) * dayScale * normal());
    const dayShares = DAILY_SHARES * dayScale * Math.exp(0.2 * normal());
    for (let m = 0; m < grid.length; m++, i++) {
      const sd = Math.sqrt((1 - OVERNIGHT_SHARE) * dailyVar * volShape[m]!) * dayScale;
      const open = price;
      const close = open * Math.exp(sd * normal());
      const high = Math.max(open, close) * Math.exp(Math.abs(normal()) * sd * 0.6);
      const low = Math.min(open, close) * Math.exp(-Math.abs(normal()) * sd * 0.6);
      bars.ts[i] = grid[m]!;
      bars.open[i] = cents(open);
      bars.close[i] = cents(close);
      bars.high[i] = Math.max(cents(high), bars.open[i]!, bars.close[i]!);
      bars.low[i] = Math.min(cents(low), bars.open[i]!, bars.close[i]!);
      bars.volume[i] = Math.round(dayShares * volumeShape[m]! * Math.exp(0.35 * normal()));
      price = close;
    }
  }
  return bars;
}

/** Weights over a full day's minutes, summing to 1, highest at the open and the close. */
function uShape(minutes: number, depth: number): Float64Array {
  const w = new Float64Array(minutes);
  let sum = 0;
  for (let m = 0; m < minutes; m++) {
    const x = (2 * m) / (minutes - 1) - 1;
    w[m] = 1 + depth * x * x;
    sum += w[m]!;
  }
  for (let m = 0; m < minutes; m++) w[m]! /= sum;
  return w;
}

const cents = (x: number) => Math.round(x * 100) / 100;
