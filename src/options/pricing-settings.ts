import type { PricingSettings } from '../config/sections/backtest.js';
import type { MarketRates } from './black-scholes.js';
import type { SkewParams } from './skew.js';
import type { SpreadParams } from './spread-model.js';

/** The model parameters of `backtest.pricing`, in the options code's own terms. */
export const skewParams = (p: PricingSettings): SkewParams => ({
  slope: p.skew.slope,
  putCurvature: p.skew.put_curvature,
  callCurvature: p.skew.call_curvature,
  maxZ: p.skew.max_z,
});

export const spreadParams = (p: PricingSettings): SpreadParams => ({
  base: p.spread.base,
  perTimeValue: p.spread.per_time_value,
  perIntrinsic: p.spread.per_intrinsic,
  tick: p.spread.tick,
});

export const marketRates = (p: PricingSettings): MarketRates => ({ rate: p.risk_free_rate, dividendYield: p.dividend_yield });
