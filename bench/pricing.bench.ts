import { newPriceDelta, priceAndDelta, priceExpiry, type OptionTerms } from '../src/options/black-scholes.js';
import { impliedVol } from '../src/options/implied-vol.js';
import { OptionBarPricer } from '../src/options/option-bars.js';
import { emit } from './lib/emit.js';

// The backtest prices its held option on every 1-minute bar and the selector scans a chain each
// cycle: Black–Scholes price+delta throughput bounds both. Inputs vary per call (strike, time,
// vol) so nothing is constant-folded; one core, no workers.
const N = 4096;
const strikes = new Float64Array(N);
const years = new Float64Array(N);
const vols = new Float64Array(N);
for (let i = 0; i < N; i++) {
  strikes[i] = 690 + (i % 61);
  years[i] = (1 + (i % 97)) / 2190; // 4 hours … 16 days
  vols[i] = 0.1 + (i % 13) * 0.01;
}
const terms: OptionTerms = { right: 'C', spot: 720.65, strike: 0, years: 0, rate: 0.045, dividendYield: 0.013 };
const out = newPriceDelta();

/** Calls (times `perCall`) per second of this process's CPU time, which other jobs on a shared machine do not inflate. */
function measure(fn: (i: number) => number, minMs: number, perCall = 1): number {
  let sink = 0;
  for (let i = 0; i < 200_000; i++) sink += fn(i & (N - 1));
  let n = 0;
  const start = process.cpuUsage();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < N; i++) sink += fn(i);
    n += N;
    elapsed = process.cpuUsage(start).user / 1000;
  }
  if (Number.isNaN(sink)) throw new Error('NaN price');
  return ((n * perCall) / elapsed) * 1000;
}

// Every input varies from one call to the next: the raw cost of a price and a delta.
const pricePerSecond = measure((i) => {
  terms.right = i & 1 ? 'P' : 'C';
  terms.strike = strikes[i]!;
  terms.years = years[i]!;
  priceAndDelta(terms, vols[i]!, out);
  return out.price + out.delta;
}, 1000);
emit(
  { name: 'pricing.price_delta', value: Math.round(pricePerSecond), unit: 'options/s', target: '≥ 20000000' },
  `Black–Scholes price+delta, one option per priceAndDelta call, every input varying: ${(pricePerSecond / 1e6).toFixed(1)}M per second on one core`,
);

// A chain scan: 61 strikes × call and put at one time to expiry, then the next expiry.
const chainPerSecond = measure((i) => {
  terms.right = i & 1 ? 'P' : 'C';
  terms.strike = strikes[i]!;
  terms.years = years[(i >> 7) << 7]!;
  priceAndDelta(terms, vols[i]!, out);
  return out.price + out.delta;
}, 1000);
emit(
  { name: 'pricing.price_delta_chain', value: Math.round(chainPerSecond), unit: 'options/s', target: '≥ 20000000' },
  `Black–Scholes price+delta, one option per call across a chain (one expiry per 128 contracts): ${(chainPerSecond / 1e6).toFixed(1)}M per second`,
);

// A chain priced an expiry at a time (priceExpiry): 61 strikes, each at its own smile vol, a call
// and a put at each, the expiry changing from one call to the next (97 of them, 4 hours … 16 days).
const STRIKES = 61;
const EXPIRIES = 97;
const chainStrikes = Float64Array.from({ length: STRIKES }, (_, k) => 690 + k);
const smiles = Array.from({ length: EXPIRIES }, (_, e) => Float64Array.from({ length: STRIKES }, (_, k) => 0.1 + ((k + e) % 13) * 0.01));
const expiryTerms = { spot: 720.65, years: 0, rate: 0.045, dividendYield: 0.013 };
const chainOut = { callPrice: new Float64Array(STRIKES), callDelta: new Float64Array(STRIKES), putPrice: new Float64Array(STRIKES), putDelta: new Float64Array(STRIKES) };
const expiryPerSecond = measure(
  (i) => {
    const e = i % EXPIRIES;
    expiryTerms.years = (1 + e) / 2190;
    priceExpiry(expiryTerms, chainStrikes, smiles[e]!, chainOut);
    const k = i % STRIKES;
    return chainOut.callPrice[k]! + chainOut.callDelta[k]! + chainOut.putPrice[k]! + chainOut.putDelta[k]!;
  },
  1000,
  2 * STRIKES,
);
emit(
  { name: 'pricing.price_delta_expiry', value: Math.round(expiryPerSecond), unit: 'options/s', target: '≥ 20000000' },
  `Black–Scholes price+delta, a chain an expiry at a time (priceExpiry: 61 strikes × call and put, smile vols): ${(expiryPerSecond / 1e6).toFixed(1)}M per second`,
);

const prices = new Float64Array(N);
for (let i = 0; i < N; i++) {
  terms.right = i & 1 ? 'P' : 'C';
  terms.strike = strikes[i]!;
  terms.years = years[i]!;
  prices[i] = priceAndDelta(terms, vols[i]!, out).price;
}
const ivPerSecond = measure((i) => {
  terms.right = i & 1 ? 'P' : 'C';
  terms.strike = strikes[i]!;
  terms.years = years[i]!;
  const r = impliedVol(terms, prices[i]!);
  return r.ok ? r.vol : 0;
}, 500);
emit({ name: 'pricing.implied_vol', value: Math.round(ivPerSecond), unit: 'solves/s' }, `implied volatility: ${(ivPerSecond / 1e6).toFixed(2)}M solves per second`);

// A held weekly call over a day of 1-minute bars, bar after bar: the option-mode backtest's hot path.
const skew = { slope: -0.29, putCurvature: -0.04, callCurvature: 0.1, maxZ: 4 };
const open = Date.UTC(2026, 4, 4, 13, 30);
const bars = new OptionBarPricer({ right: 'C', strike: 721, expiresAt: Date.UTC(2026, 4, 8, 20) }, { rate: 0.045, dividendYield: 0.013 }, skew);
const ohlc = new Float64Array(4);
const barsPerSecond = measure((i) => {
  const u = 720 + (i % 50) * 0.02;
  bars.ohlc(open + (i % 390) * 60_000, u, u + 0.15, u - 0.12, u + 0.03, 0.13, ohlc);
  return ohlc[3]!;
}, 500);
emit(
  { name: 'pricing.option_bars', value: Math.round(barsPerSecond), unit: 'bars/s' },
  `option OHLC from underlying 1-minute bars: ${(barsPerSecond / 1e6).toFixed(2)}M bars per second`,
);
