import { normCdf, normPdf } from './normal.js';
import type { OptionTerms } from './black-scholes.js';

/** Why a price has no implied volatility. */
export type NoIvReason = 'invalid-input' | 'expired' | 'below-intrinsic' | 'above-maximum';

export type IvResult =
  | { ok: true; vol: number; iterations: number }
  | { ok: false; reason: NoIvReason; message: string };

const MAX_ITERATIONS = 100;

/**
 * The Black–Scholes–Merton volatility that reproduces `price`, or why none exists.
 *
 * Works on the normalised out-of-the-money price (Jäckel's reduction): with x = ln(F/K) and
 * s = σ√T, b(s) = e^{−|x|/2}·N(−|x|/s + s/2) − e^{|x|/2}·N(−|x|/s − s/2), increasing in s,
 * convex below its inflection s* = √(2|x|) and concave above. From Corrado–Miller's estimate,
 * Newton runs on ln b below s* and on b above it, inside a bracket that bisection takes over if
 * a step ever leaves it. This stays exact for deep in/out of the money and for
 * minutes to expiry, where plain Newton on the price diverges. A price exactly at intrinsic
 * value has volatility 0.
 */
export function impliedVol(t: OptionTerms, price: number): IvResult {
  const { spot, strike, years, rate, dividendYield } = t;
  if (![price, spot, strike, years, rate, dividendYield].every(Number.isFinite) || price < 0 || spot <= 0 || strike <= 0) {
    return fail('invalid-input', `price ${price}, spot ${spot}, strike ${strike} and time must be finite and positive`);
  }
  if (years <= 0) return fail('expired', 'no time to expiry: an expired option has no volatility');
  const dr = Math.exp(-rate * years);
  const fwd = spot * Math.exp((rate - dividendYield) * years);
  const call = t.right === 'C';
  const intrinsic = dr * Math.max(0, call ? fwd - strike : strike - fwd);
  const ceiling = call ? dr * fwd : dr * strike;
  const tol = 1e-12 * Math.max(1, price);
  if (price < intrinsic - tol) {
    return fail('below-intrinsic', `price ${fmt(price)} is below the intrinsic value ${fmt(intrinsic)} (discounted forward)`);
  }
  if (price >= ceiling) {
    return fail('above-maximum', `price ${fmt(price)} is at or above the ${call ? 'discounted spot' : 'discounted strike'} ${fmt(ceiling)}, the most the option can be worth`);
  }
  const beta = Math.max(0, price - intrinsic) / (dr * Math.sqrt(fwd * strike));
  if (beta === 0) return { ok: true, vol: 0, iterations: 0 };
  const x = -Math.abs(Math.log(fwd / strike));
  const solved = solveNormalised(x, beta);
  return { ok: true, vol: solved.s / Math.sqrt(years), iterations: solved.iterations };
}

/** Normalised out-of-the-money call price (x ≤ 0) and its derivative in s. */
function normalisedPrice(x: number, s: number): number {
  const h = x / s;
  return Math.exp(0.5 * x) * normCdf(h + 0.5 * s) - Math.exp(-0.5 * x) * normCdf(h - 0.5 * s);
}

const normalisedVega = (x: number, s: number): number => Math.exp(0.5 * x) * normPdf(x / s + 0.5 * s);

function solveNormalised(x: number, beta: number): { s: number; iterations: number } {
  let lo = 0;
  let hi = Infinity;
  const sInflection = Math.sqrt(-2 * x);
  const guess = corradoMiller(x, beta);
  let s = guess > 0 && Number.isFinite(guess) ? guess : sInflection;
  for (let i = 1; i <= MAX_ITERATIONS; i++) {
    const b = normalisedPrice(x, s);
    if (Math.abs(b - beta) <= 4 * Number.EPSILON * beta) return { s, iterations: i };
    if (b < beta) lo = s;
    else hi = s;
    const vega = normalisedVega(x, s);
    // Below the inflection b is convex and spans hundreds of orders of magnitude: Newton on ln b.
    // Above it b is concave: Newton on b, monotone from below the root.
    let next = b > 0 && s < sInflection ? s + (b * Math.log(beta / b)) / vega : s + (beta - b) / vega;
    if (!(next > lo && next < hi)) next = hi === Infinity ? Math.max(2 * s, lo * 2) : lo > 0 ? Math.sqrt(lo * hi) : 0.5 * hi;
    if (Math.abs(next - s) <= 1e-12 * s || (hi < Infinity && hi - lo <= 1e-14 * hi)) return { s: next, iterations: i };
    s = next;
  }
  return { s, iterations: MAX_ITERATIONS };
}

/** Corrado & Miller's closed-form estimate of s, in normalised terms: good near the money, a start elsewhere. */
function corradoMiller(x: number, beta: number): number {
  const f = Math.exp(0.5 * x);
  const k = 1 / f;
  const excess = beta - 0.5 * (f - k);
  const disc = excess * excess - ((f - k) * (f - k)) / Math.PI;
  return (Math.sqrt(2 * Math.PI) / (f + k)) * (excess + Math.sqrt(Math.max(0, disc)));
}

const fmt = (v: number): string => (Math.abs(v) >= 1 ? v.toFixed(4) : v.toPrecision(4));

const fail = (reason: NoIvReason, message: string): IvResult => ({ ok: false, reason, message });
