/**
 * Nelder–Mead simplex minimisation: derivative-free, for the few-parameter calibration fits
 * (skew, spread) whose objectives (median or mean absolute errors over quotes on a tick grid)
 * are not smooth. Deterministic for a given start.
 */
export interface Minimum {
  x: number[];
  value: number;
  iterations: number;
}

export function nelderMead(f: (x: number[]) => number, start: number[], step: number[], maxIterations = 2000, tolerance = 1e-10): Minimum {
  const n = start.length;
  let simplex = [start, ...start.map((_, i) => start.map((v, j) => (i === j ? v + step[i]! : v)))].map((x) => ({ x, v: f(x) }));
  const along = (a: number[], b: number[], t: number) => a.map((ai, i) => ai + t * (b[i]! - ai));
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    simplex.sort((a, b) => a.v - b.v);
    const best = simplex[0]!;
    const worst = simplex[n]!;
    if (Math.abs(worst.v - best.v) <= tolerance * (Math.abs(best.v) + tolerance)) break;
    const centroid = start.map((_, j) => simplex.slice(0, n).reduce((s, p) => s + p.x[j]!, 0) / n);
    const reflected = along(centroid, worst.x, -1);
    const fr = f(reflected);
    if (fr < best.v) {
      const expanded = along(centroid, worst.x, -2);
      const fe = f(expanded);
      simplex[n] = fe < fr ? { x: expanded, v: fe } : { x: reflected, v: fr };
    } else if (fr < simplex[n - 1]!.v) {
      simplex[n] = { x: reflected, v: fr };
    } else {
      const contracted = fr < worst.v ? along(centroid, reflected, 0.5) : along(centroid, worst.x, 0.5);
      const fc = f(contracted);
      if (fc < Math.min(fr, worst.v)) simplex[n] = { x: contracted, v: fc };
      else simplex = simplex.map((p, i) => (i === 0 ? p : { x: along(best.x, p.x, 0.5), v: f(along(best.x, p.x, 0.5)) }));
    }
  }
  simplex.sort((a, b) => a.v - b.v);
  return { x: simplex[0]!.x, value: simplex[0]!.v, iterations };
}
