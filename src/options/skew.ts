/**
 * The volatility smile as a function of standardised log-moneyness z = ln(K/F) / (σ_atm·√T):
 * how many ATM standard deviations the strike is from the forward. Measuring distance this way
 * scales the skew with time to expiry (a 1 % OTM put is far out for a 0DTE, near for a monthly)
 * and with the vol level, so one set of parameters serves every expiry.
 *
 *   σ(z) = σ_atm · (1 + slope·z + curvature·z²),  curvature = put_curvature for z < 0, else call_curvature
 *
 * z is clamped to ±max_z so the wings stay flat where no quotes taught the parameters anything.
 */
export interface SkewParams {
  /** Change in σ/σ_atm per standard deviation of moneyness: negative for equity-index skew. */
  slope: number;
  putCurvature: number;
  callCurvature: number;
  /** Beyond this many standard deviations the smile is flat. */
  maxZ: number;
}

/** The smile never prices below this fraction of the ATM volatility, whatever the parameters. */
const MIN_RATIO = 0.1;

/** The implied volatility of a strike at log-moneyness ln(K/F), given the ATM volatility. */
export function skewedVol(atmVol: number, logMoneyness: number, years: number, p: SkewParams): number {
  const sd = atmVol * Math.sqrt(years);
  if (!(sd > 0)) return atmVol;
  const z = Math.max(-p.maxZ, Math.min(p.maxZ, logMoneyness / sd));
  const ratio = 1 + z * (p.slope + z * (z < 0 ? p.putCurvature : p.callCurvature));
  return atmVol * Math.max(MIN_RATIO, ratio);
}

/** No smile: every strike at the ATM volatility (what a naive backtest assumes). */
export const FLAT_SKEW: SkewParams = { slope: 0, putCurvature: 0, callCurvature: 0, maxZ: 0 };
