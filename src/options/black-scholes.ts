import type { OptionRight } from '../core/option-contract.js';
import { normCdf, normCdfBothGivenGauss, normPdf } from './normal.js';

/**
 * Black–Scholes–Merton for European options on an underlying with a continuous dividend yield.
 * SPY options are American; near the money and within weeks the early-exercise premium is far
 * below a cent, so the European value is what we use (see the README's "Options model").
 */

/** The rate and dividend yield every option on the underlying is priced with (settings: backtest.pricing). */
export interface MarketRates {
  /** Continuously compounded risk-free rate, e.g. 0.045. */
  rate: number;
  /** Continuous dividend yield, e.g. 0.013. */
  dividendYield: number;
}

/** One option at one moment: everything the model needs except the volatility. */
export interface OptionTerms extends MarketRates {
  right: OptionRight;
  spot: number;
  strike: number;
  /** Time to expiry in years (ACT/365, see `yearsToExpiry`). 0 or less means expired: intrinsic value. */
  years: number;
}

/**
 * Price and sensitivities, per share (multiply by the contract multiplier for dollars).
 * theta is per calendar year (divide by 365 for a day's decay), vega per 1.00 of volatility
 * (divide by 100 for one vol point), rho per 1.00 of rate.
 */
export interface Greeks {
  price: number;
  delta: number;
  gamma: number;
  theta: number;
  vega: number;
  rho: number;
}

/** The forward price of the underlying for delivery in `years`. */
export const forwardPrice = (spot: number, years: number, m: MarketRates): number => spot * Math.exp((m.rate - m.dividendYield) * years);

/** Reusable output of `priceAndDelta`, so the hot path allocates nothing. */
export interface PriceDelta {
  price: number;
  delta: number;
}

export const newPriceDelta = (): PriceDelta => ({ price: 0, delta: 0 });

// The last expiry's factors: a chain or a bar prices many strikes and spots at one time to expiry,
// and then pays for the square root and the two discount exponentials once. Fields of an object
// rather than module variables, which would allocate a number on every write.
const expiry = { years: NaN, rate: NaN, dividendYield: NaN, sqrtYears: 0, divDiscount: 1, rateDiscount: 1 };

/** An expiry at one moment: everything but the strike, the right and the volatility. */
export type ExpiryTerms = MarketRates & { spot: number; years: number };

/** The factors of t's expiry, computed when it differs from the last one asked for. */
function expiryOf(t: ExpiryTerms): typeof expiry {
  if (t.years !== expiry.years || t.rate !== expiry.rate || t.dividendYield !== expiry.dividendYield) cacheExpiry(t);
  return expiry;
}

function cacheExpiry({ years, rate, dividendYield }: ExpiryTerms): void {
  expiry.years = years;
  expiry.rate = rate;
  expiry.dividendYield = dividendYield;
  expiry.sqrtYears = Math.sqrt(years);
  expiry.divDiscount = Math.exp(-dividendYield * years);
  expiry.rateDiscount = Math.exp(-rate * years);
}

/**
 * The fast path: price and delta in one pass (two normal CDFs sharing one Gaussian, a log, and
 * per new expiry a square root and two exps). Kept small, like everything it calls, so that V8
 * can inline the whole computation into a caller's loop.
 */
export function priceAndDelta(t: OptionTerms, vol: number, out: PriceDelta): PriceDelta {
  if (!(t.years > 0)) return expired(t.right === 'C', t.spot, t.strike, out);
  const { sqrtYears, divDiscount, rateDiscount } = expiryOf(t);
  return bsKernel(t.right, t.spot, t.strike, vol * sqrtYears, divDiscount, rateDiscount, out);
}

/** Prices and deltas of an expiry's calls and puts, index for index with its strikes. */
export interface ExpiryPrices {
  callPrice: Float64Array;
  callDelta: Float64Array;
  putPrice: Float64Array;
  putDelta: Float64Array;
}

const callOut = newPriceDelta();
const putOut = newPriceDelta();

/**
 * A chain's expiry at one moment: the call and the put at strikes[i], both at volatility vols[i]
 * (a smile is a function of the strike), into out's arrays at i. The expiry's square root and
 * discounts are computed once, a call and its put share everything but a few products (d1, d2,
 * the log, the exponential and the erfc), and the loop runs inlined whole. Every result is bit
 * for bit what `priceAndDelta` gives.
 */
export function priceExpiry(t: ExpiryTerms, strikes: ArrayLike<number>, vols: ArrayLike<number>, out: ExpiryPrices): void {
  const spot = t.spot;
  const live = t.years > 0;
  const { sqrtYears, divDiscount, rateDiscount } = live ? expiryOf(t) : expiry;
  for (let i = 0; i < strikes.length; i++) {
    const strike = strikes[i]!;
    if (live) {
      bsKernelBoth(spot, strike, vols[i]! * sqrtYears, divDiscount, rateDiscount, callOut, putOut);
    } else {
      expired(true, spot, strike, callOut);
      expired(false, spot, strike, putOut);
    }
    out.callPrice[i] = callOut.price;
    out.callDelta[i] = callOut.delta;
    out.putPrice[i] = putOut.price;
    out.putDelta[i] = putOut.delta;
  }
}

/**
 * Price and delta from an expiry's precomputed factors: the standard deviation σ√T and the
 * discount factors e^{−qT} and e^{−rT}. For callers that price many spots or strikes at one
 * moment (option bars, chains) and so pay for the square root and exponentials once.
 */
export function bsKernel(right: OptionRight, spot: number, strike: number, stdDev: number, divDiscount: number, rateDiscount: number, out: PriceDelta): PriceDelta {
  const fwd = spot * divDiscount;
  const pv = strike * rateDiscount;
  if (!(stdDev > 0)) return noVolatility(right === 'C', fwd, pv, divDiscount, out);
  fillCdfs(fwd, pv, stdDev);
  return right === 'C' ? callFromCdfs(fwd, pv, divDiscount, out) : putFromCdfs(fwd, pv, divDiscount, out);
}

/** `bsKernel` for the call and the put at one strike. */
function bsKernelBoth(spot: number, strike: number, stdDev: number, divDiscount: number, rateDiscount: number, call: PriceDelta, put: PriceDelta): void {
  const fwd = spot * divDiscount;
  const pv = strike * rateDiscount;
  if (!(stdDev > 0)) {
    noVolatility(true, fwd, pv, divDiscount, call);
    noVolatility(false, fwd, pv, divDiscount, put);
    return;
  }
  fillCdfs(fwd, pv, stdDev);
  callFromCdfs(fwd, pv, divDiscount, call);
  putFromCdfs(fwd, pv, divDiscount, put);
}

/** Φ(d1), Φ(−d1), Φ(d2), Φ(−d2) of the option `fillCdfs` last saw. */
const cdfs = new Float64Array(4);

/** Fills `cdfs` for the forward `fwd`, the discounted strike `pv` and the standard deviation `stdDev` > 0. */
function fillCdfs(fwd: number, pv: number, stdDev: number): void {
  const ratio = fwd / pv;
  const d1 = Math.log(ratio) / stdDev + 0.5 * stdDev;
  const g1 = Math.exp(-0.5 * d1 * d1);
  // d1, then d2 = d1 − σ√T with e^{−d2²/2} = e^{−d1²/2}·F/K: one call site serves both, so the
  // JIT inlines it whole (two copies overflow V8's inlining budget, and a call left out boxes).
  let d = d1;
  let gauss = g1;
  for (let at = 0; at < 4; at += 2) {
    normCdfBothGivenGauss(d, gauss, cdfs, at);
    d = d1 - stdDev;
    gauss = g1 * ratio;
  }
}

function callFromCdfs(fwd: number, pv: number, divDiscount: number, out: PriceDelta): PriceDelta {
  out.price = fwd * cdfs[0]! - pv * cdfs[2]!;
  out.delta = divDiscount * cdfs[0]!;
  return out;
}

function putFromCdfs(fwd: number, pv: number, divDiscount: number, out: PriceDelta): PriceDelta {
  out.price = pv * cdfs[3]! - fwd * cdfs[1]!;
  out.delta = -divDiscount * cdfs[1]!;
  return out;
}

/** No volatility: the discounted forward intrinsic value. */
function noVolatility(call: boolean, fwd: number, pv: number, divDiscount: number, out: PriceDelta): PriceDelta {
  const itm = call ? fwd > pv : fwd < pv;
  out.price = itm ? (call ? fwd - pv : pv - fwd) : 0;
  out.delta = itm ? (call ? divDiscount : -divDiscount) : 0;
  return out;
}

function expired(call: boolean, spot: number, strike: number, out: PriceDelta): PriceDelta {
  out.price = Math.max(0, call ? spot - strike : strike - spot);
  out.delta = out.price > 0 ? (call ? 1 : -1) : 0;
  return out;
}

const scratch = newPriceDelta();

export const bsPrice = (t: OptionTerms, vol: number): number => priceAndDelta(t, vol, scratch).price;

/** Price and every first-order greek plus gamma. At or past expiry (or with zero vol) gamma, vega and theta are 0. */
export function bsGreeks(t: OptionTerms, vol: number): Greeks {
  const { price, delta } = priceAndDelta(t, vol, scratch);
  const { spot, strike, years, rate, dividendYield: q } = t;
  const sqrtT = Math.sqrt(years);
  const sd = vol * sqrtT;
  if (!(years > 0) || !(sd > 0)) {
    const rho = years > 0 && price > 0 ? (t.right === 'C' ? 1 : -1) * strike * years * Math.exp(-rate * years) : 0;
    return { price, delta, gamma: 0, theta: 0, vega: 0, rho };
  }
  const dq = Math.exp(-q * years);
  const dr = Math.exp(-rate * years);
  const d1 = Math.log((spot * dq) / (strike * dr)) / sd + 0.5 * sd;
  const d2 = d1 - sd;
  const pdf = normPdf(d1);
  const gamma = (dq * pdf) / (spot * sd);
  const vega = spot * dq * pdf * sqrtT;
  const decay = (-spot * dq * pdf * vol) / (2 * sqrtT);
  if (t.right === 'C') {
    const nd2 = normCdf(d2);
    return { price, delta, gamma, vega, theta: decay + q * spot * dq * normCdf(d1) - rate * strike * dr * nd2, rho: strike * years * dr * nd2 };
  }
  const nmd2 = normCdf(-d2);
  return { price, delta, gamma, vega, theta: decay - q * spot * dq * normCdf(-d1) + rate * strike * dr * nmd2, rho: -strike * years * dr * nmd2 };
}
