/**
 * The standard normal distribution, fast and accurate to ~1e-14 relative in both tails: the
 * cumulative function uses W. J. Cody's rational Chebyshev approximations of erf and the scaled
 * erfc ("Rational Chebyshev approximations for the error function", Math. Comp. 1969), which
 * keep relative accuracy where Φ(x) is tiny, as deep out-of-the-money prices and IVs need.
 */

const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 0.3989422804014327;
const INV_SQRT_PI = 0.5641895835477563;
/** Below this |x|, Φ comes from erf's own rational function and needs no exponential. */
const CENTRAL = 0.46875 * Math.SQRT2;

/** erf(y)/y for |y| ≤ 0.46875, as a rational function of y². */
function erfOverY(y: number): number {
  const z = y * y;
  const num = (((0.185777706184603153 * z + 3.1611237438705656) * z + 113.864154151050156) * z + 377.485237685302021) * z + 3209.37758913846947;
  const den = (((z + 23.6012909523441209) * z + 244.024637934444173) * z + 1282.61652607737228) * z + 2844.23683343917062;
  return num / den;
}

/** The scaled complementary error function e^{y²}·erfc(y), for y > 0.46875. */
function erfcx(y: number): number {
  if (y > 4) return erfcxAsymptotic(y);
  // Estrin's scheme: the same degree-8 polynomials in a third of Horner's dependency chain.
  const y2 = y * y;
  const y4 = y2 * y2;
  const num =
    1230.33935479799725 + 2051.07837782607147 * y +
    y2 * (1712.04761263407058 + 881.95222124176909 * y) +
    y4 * (298.635138197400131 + 66.1191906371416295 * y + y2 * (8.88314979438837594 + 0.564188496988670089 * y)) +
    y4 * y4 * 2.15311535474403846e-8;
  const den =
    1230.33935480374942 + 3439.36767414372164 * y +
    y2 * (4362.61909014324716 + 3290.79923573345963 * y) +
    y4 * (1621.38957456669019 + 537.181101862009858 * y + y2 * (117.693950891312499 + 15.7449261107098347 * y)) +
    y4 * y4;
  return num / den;
}

/** e^{y²}·erfc(y) for y > 4 (|x| > 5.66 in Φ): rare in pricing, so kept out of the inlined path. */
function erfcxAsymptotic(y: number): number {
  const z = 1 / (y * y);
  const num = ((((0.0163153871373020978 * z + 0.305326634961232344) * z + 0.360344899949804439) * z + 0.125781726111229246) * z + 0.0160837851487422766) * z + 6.58749161529837803e-4;
  const den = ((((z + 2.56852019228982242) * z + 1.87295284992346047) * z + 0.527905102951428412) * z + 0.0605183413124413191) * z + 0.00233520497626869185;
  return (INV_SQRT_PI - (z * num) / den) / y;
}

/**
 * Φ(x) into out[at] and Φ(−x) = 1 − Φ(x) into out[at + 1] from one evaluation (a call and a put
 * at one strike share d1 and d2), given gauss = e^{−x²/2}: Black–Scholes shares that exponential
 * between d1 and d2 (e^{−d2²/2} = e^{−d1²/2}·F/K), which saves one of the two per price.
 */
export function normCdfBothGivenGauss(x: number, gauss: number, out: Float64Array, at: number): void {
  if (x > -CENTRAL && x < CENTRAL) {
    // erf is odd, and erfOverY a function of y²: Φ(±x) = ½ ± the same term, exactly.
    const half = 0.5 * x * SQRT1_2 * erfOverY(x * SQRT1_2);
    out[at] = 0.5 + half;
    out[at + 1] = 0.5 - half;
  } else {
    const tail = 0.5 * erfcx((x < 0 ? -x : x) * SQRT1_2) * gauss;
    out[at] = x < 0 ? tail : 1 - tail;
    out[at + 1] = x < 0 ? 1 - tail : tail;
  }
}

const both = new Float64Array(2);

/** Φ(x): the probability that a standard normal variable is ≤ x. */
export function normCdf(x: number): number {
  normCdfBothGivenGauss(x, x > -CENTRAL && x < CENTRAL ? 1 : Math.exp(-0.5 * x * x), both, 0);
  return both[0]!;
}

/** φ(x): the standard normal density. */
export const normPdf = (x: number): number => INV_SQRT_2PI * Math.exp(-0.5 * x * x);
