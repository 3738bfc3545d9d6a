import type { OptionRight } from '../core/option-contract.js';
import type { TradingDate } from '../core/time.js';
import { bsPrice, forwardPrice, type MarketRates } from './black-scholes.js';
import { impliedVol } from './implied-vol.js';
import { nelderMead } from './nelder-mead.js';
import { skewedVol, type SkewParams } from './skew.js';
import { intrinsicValue, modelSpread, type SpreadParams } from './spread-model.js';

/**
 * Fitting the synthetic chain's models to a real chain snapshot, and measuring how far model
 * prices are from real ones. Pure: the caller reads the snapshot (test/options/calibration.test.ts
 * reads the 2026-05-01 SPY close).
 */

export interface QuotedOption {
  expiry: TradingDate;
  right: OptionRight;
  strike: number;
  bid: number;
  ask: number;
  /** Years to expiry, ACT/365 from the snapshot to the expiry close. */
  years: number;
}

export interface ChainSnapshot {
  spot: number;
  options: QuotedOption[];
}

/** Which quotes a figure covers: expiries up to `maxDays` days away, strikes within ±`maxMoneyness` of spot. */
export interface QuoteFilter {
  maxDays: number;
  maxMoneyness: number;
  /** Only these expiries, when given. */
  expiries?: readonly TradingDate[];
}

export const isTwoSided = (o: QuotedOption): boolean => o.bid > 0 && o.ask >= o.bid;

export const midOf = (o: QuotedOption): number => (o.bid + o.ask) / 2;

export function selectQuotes(snap: ChainSnapshot, f: QuoteFilter): QuotedOption[] {
  return snap.options.filter(
    (o) =>
      isTwoSided(o) &&
      o.years * 365 <= f.maxDays + 1e-9 &&
      Math.abs(o.strike / snap.spot - 1) <= f.maxMoneyness &&
      (!f.expiries || f.expiries.includes(o.expiry)),
  );
}

/**
 * The at-the-money implied volatility of each expiry: the IVs of the two-sided out-of-the-money
 * mids on either side of the forward (puts below, calls above), interpolated linearly in ln(K/F).
 */
export function atmIvByExpiry(snap: ChainSnapshot, rates: MarketRates): Map<TradingDate, number> {
  const byExpiry = new Map<TradingDate, { k: number; iv: number }[]>();
  for (const o of snap.options) {
    if (!isTwoSided(o)) continue;
    const fwd = forwardPrice(snap.spot, o.years, rates);
    if ((o.right === 'C') !== o.strike >= fwd) continue;
    const r = impliedVol({ right: o.right, spot: snap.spot, strike: o.strike, years: o.years, ...rates }, midOf(o));
    if (!r.ok || r.vol === 0) continue;
    const list = byExpiry.get(o.expiry) ?? [];
    list.push({ k: Math.log(o.strike / fwd), iv: r.vol });
    byExpiry.set(o.expiry, list);
  }
  const atm = new Map<TradingDate, number>();
  for (const [expiry, points] of [...byExpiry].sort(([a], [b]) => a.localeCompare(b))) {
    const below = points.filter((p) => p.k < 0).sort((a, b) => b.k - a.k)[0];
    const above = points.filter((p) => p.k >= 0).sort((a, b) => a.k - b.k)[0];
    if (below && above) atm.set(expiry, below.iv + ((above.iv - below.iv) * (0 - below.k)) / (above.k - below.k));
    else if (below ?? above) atm.set(expiry, (below ?? above)!.iv);
  }
  return atm;
}

/** The model mid of a listed option: Black–Scholes at the skewed ATM volatility of its expiry. */
export function modelMid(o: QuotedOption, spot: number, atmVol: number, skew: SkewParams, rates: MarketRates): number {
  const fwd = forwardPrice(spot, o.years, rates);
  const vol = skewedVol(atmVol, Math.log(o.strike / fwd), o.years, skew);
  return bsPrice({ right: o.right, spot, strike: o.strike, years: o.years, ...rates }, vol);
}

export interface ErrorSummary {
  count: number;
  /** Median |model − real|, in dollars per share. */
  medianAbs: number;
  /** Median |model − real| / real, as a fraction. */
  medianPct: number;
  meanPct: number;
  p90Pct: number;
}

/** How far model mids are from real mids over the filtered two-sided quotes. */
export function midErrors(snap: ChainSnapshot, atm: Map<TradingDate, number>, skew: SkewParams, rates: MarketRates, f: QuoteFilter): ErrorSummary {
  const abs: number[] = [];
  const pct: number[] = [];
  for (const o of selectQuotes(snap, f)) {
    const atmVol = atm.get(o.expiry);
    if (atmVol === undefined) continue;
    const real = midOf(o);
    const err = Math.abs(modelMid(o, snap.spot, atmVol, skew, rates) - real);
    abs.push(err);
    pct.push(err / real);
  }
  return summarise(abs, pct);
}

/** Fits slope and the two curvatures (maxZ held) to minimise the mean |error| in % of mid. */
export function fitSkew(snap: ChainSnapshot, atm: Map<TradingDate, number>, rates: MarketRates, f: QuoteFilter, maxZ: number): SkewParams {
  const params = (x: number[]): SkewParams => ({ slope: x[0]!, putCurvature: x[1]!, callCurvature: x[2]!, maxZ });
  const best = nelderMead((x) => midErrors(snap, atm, params(x), rates, f).meanPct, [-0.1, 0, 0], [0.1, 0.05, 0.05]);
  return params(best.x);
}

export interface SpreadErrorSummary {
  count: number;
  medianAbs: number;
  meanAbs: number;
}

/** |model spread − real spread| over the filtered two-sided quotes, the model fed the real mid; whole ticks. */
export function spreadErrors(snap: ChainSnapshot, p: SpreadParams, f: QuoteFilter): SpreadErrorSummary {
  const errs = selectQuotes(snap, f).map((o) => {
    const model = modelSpread(midOf(o), intrinsicValue(o.right, snap.spot, o.strike), p);
    return Math.round(Math.abs(model - (o.ask - o.bid)) / p.tick) * p.tick;
  });
  return { count: errs.length, medianAbs: quantile(errs, 0.5), meanAbs: errs.reduce((s, e) => s + e, 0) / Math.max(1, errs.length) };
}

/** Fits the half-spread coefficients to minimise the mean absolute spread error (robust to the wide in-the-money outliers). */
export function fitSpread(snap: ChainSnapshot, f: QuoteFilter, tick: number): SpreadParams {
  const params = (x: number[]): SpreadParams => ({ base: x[0]!, perTimeValue: x[1]!, perIntrinsic: x[2]!, tick });
  const best = nelderMead((x) => spreadErrors(snap, params(x), f).meanAbs, [0.01, 0.002, 0.01], [0.005, 0.002, 0.01]);
  return params(best.x);
}

function summarise(abs: number[], pct: number[]): ErrorSummary {
  return {
    count: abs.length,
    medianAbs: quantile(abs, 0.5),
    medianPct: quantile(pct, 0.5),
    meanPct: pct.reduce((s, e) => s + e, 0) / Math.max(1, pct.length),
    p90Pct: quantile(pct, 0.9),
  };
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  return s[lo]! + (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!) * (pos - lo);
}

export interface VixTermFit {
  scale: number;
  termExponent: number;
}

/**
 * Fits ATM IV(T) = scale × vix × (T / 30 days)^termExponent to ATM IVs of several expiries by
 * least squares in logs (vix as a fraction: 0.17 for a VIX of 17).
 */
export function fitVixTerm(points: readonly { years: number; atmVol: number }[], vix: number): VixTermFit {
  const xs = points.map((p) => Math.log((p.years * 365) / 30));
  const ys = points.map((p) => Math.log(p.atmVol / vix));
  const mx = xs.reduce((s, v) => s + v, 0) / xs.length;
  const my = ys.reduce((s, v) => s + v, 0) / ys.length;
  const sxy = xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0);
  const sxx = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  const slope = sxx > 0 ? sxy / sxx : 0;
  return { scale: Math.exp(my - slope * mx), termExponent: slope };
}
