import type { OptionRight } from '../core/option-contract.js';
import { normCdf, normCdfPairGivenGauss, normPdf } from './normal.js';

const cdfs = new Float64Array(2);

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

function cacheExpiry({ years, rate, dividendYield }: OptionTerms): void {
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
  const years = t.years;
  if (!(years > 0)) return expired(t, out);
  if (years !== expiry.years || t.rate !== expiry.rate || t.dividendYield !== expiry.dividendYield) cacheExpiry(t);
  return bsKernel(t.right, t.spot, t.strike, vol * expiry.sqrtYears, expiry.divDiscount, expiry.rateDiscount, out);
}

/**
 * Price and delta from an expiry's precomputed factors: the standard deviation σ√T and the
 * discount factors e^{−qT} and e^{−rT}. For callers that price many spots or strikes at one
 * moment (option bars, chains) and so pay for the square root and exponentials once.
 */
export function bsKernel(right: OptionRight, spot: number, strike: number, stdDev: number, divDiscount: number, rateDiscount: number, out: PriceDelta): PriceDelta {
  if (!(stdDev > 0)) return noVolatility(right === 'C', spot * divDiscount, strike * rateDiscount, divDiscount, out);
  const call = right === 'C';
  const fwd = spot * divDiscount;
  const pv = strike * rateDiscount;
  const ratio = fwd / pv;
  const d1 = Math.log(ratio) / stdDev + 0.5 * stdDev;
  const d2 = d1 - stdDev;
  const g1 = Math.exp(-0.5 * d1 * d1);
  const g2 = g1 * ratio; // e^{−d2²/2}
  normCdfPairGivenGauss(call ? d1 : -d1, g1, call ? d2 : -d2, g2, cdfs);
  const n1 = cdfs[0]!;
  const n2 = cdfs[1]!;
  out.price = call ? fwd * n1 - pv * n2 : pv * n2 - fwd * n1;
  out.delta = call ? divDiscount * n1 : -divDiscount * n1;
  return out;
}

/** No volatility: the discounted forward intrinsic value. */
function noVolatility(call: boolean, fwd: number, pv: number, divDiscount: number, out: PriceDelta): PriceDelta {
  const itm = call ? fwd > pv : fwd < pv;
  out.price = itm ? (call ? fwd - pv : pv - fwd) : 0;
  out.delta = itm ? (call ? divDiscount : -divDiscount) : 0;
  return out;
}

function expired({ right, spot, strike }: OptionTerms, out: PriceDelta): PriceDelta {
  const call = right === 'C';
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
