import { sessionAt } from '../calendar/index.js';
import { BAR_SIZE_MS, type BarSize } from '../core/bar.js';
import type { EpochMs } from '../core/time.js';
import type { PricingSettings } from '../config/sections/backtest.js';

/**
 * A volatility observed over time, as an annualised fraction (0.17 for a VIX of 17): the value
 * known at t, NaN before the first observation. The caller builds it from the bar store and must
 * answer only with what was known at t (a bar's close is known at the bar's end).
 */
export interface IvSeries {
  ivAt(t: EpochMs): number;
}

/** The at-the-money implied volatility of an expiry `years` away, seen at t. NaN when unknown. */
export type AtmVolModel = (t: EpochMs, years: number) => number;

export interface IvSources {
  /** VIX (or VIX1D…) levels as fractions, for iv_source: vix. */
  vix?: IvSeries;
  /** Trailing realised volatility of the underlying (see RealizedVol), for iv_source: realized. */
  realized?: IvSeries;
}

const THIRTY_DAYS = 30 / 365;
const ONE_DAY = 1 / 365;

/** The ATM volatility model `backtest.pricing.iv_source` asks for; throws when its series was not supplied. */
export function atmVolModel(p: PricingSettings, sources: IvSources): AtmVolModel {
  switch (p.iv_source) {
    case 'fixed': {
      const vol = p.fixed_iv;
      return () => vol;
    }
    case 'vix': {
      const vix = required(sources.vix, 'vix', 'VIX series from the bar store');
      const { scale, term_exponent: exponent } = p.vix;
      // VIX is a 30-day measure: shorter expiries scale by (T/30d)^exponent, floored at one day.
      return (t, years) => scale * vix.ivAt(t) * Math.pow(Math.max(years, ONE_DAY) / THIRTY_DAYS, exponent);
    }
    case 'realized': {
      const realized = required(sources.realized, 'realized', "the underlying's closes (RealizedVol)");
      const factor = p.realized.factor;
      return (t) => factor * realized.ivAt(t);
    }
  }
}

function required(series: IvSeries | undefined, source: string, what: string): IvSeries {
  if (!series) throw new Error(`backtest.pricing.iv_source is "${source}" but no ${what} was supplied`);
  return series;
}

/**
 * A step series over observations: at t, the value of the last observation available at or
 * before t. Times ascending. Amortised O(1) for increasing t (a backtest's order).
 */
export class StepSeries implements IvSeries {
  private cursor = -1;

  constructor(
    private readonly availableAt: Float64Array,
    private readonly values: Float64Array,
  ) {
    if (availableAt.length !== values.length) throw new RangeError(`StepSeries: ${availableAt.length} times but ${values.length} values`);
  }

  ivAt(t: EpochMs): number {
    const ts = this.availableAt;
    if (this.cursor >= 0 && ts[this.cursor]! > t) this.cursor = -1; // went back in time: rescan
    while (this.cursor + 1 < ts.length && ts[this.cursor + 1]! <= t) this.cursor++;
    return this.cursor < 0 ? NaN : this.values[this.cursor]!;
  }
}

/**
 * A series of bar closes from the bar store (e.g. VIX) as known over time: an intraday bar's
 * close at the bar's end, a daily bar's (stamped at its session's open) at that session's close,
 * so a backtest at 10:00 sees yesterday's daily VIX, never today's. `scale` turns the stored
 * unit into a fraction (0.01 for VIX points).
 */
export function barClosesSeries(ts: Float64Array, close: Float64Array, barSize: BarSize, scale = 0.01): StepSeries {
  const availableAt = new Float64Array(ts.length);
  for (let i = 0; i < ts.length; i++) {
    if (barSize !== '1d') availableAt[i] = ts[i]! + BAR_SIZE_MS[barSize];
    else {
      const session = sessionAt(ts[i]!);
      if (!session) throw new RangeError(`daily bar at ${new Date(ts[i]!).toISOString()} is not stamped inside a session`);
      availableAt[i] = session.close;
    }
  }
  return new StepSeries(availableAt, close.map((c) => c * scale));
}
