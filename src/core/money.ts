/**
 * Prices are dollars as JavaScript numbers. Quotes and fills are rounded to the instrument's
 * tick only where an order price is made (limit, stop), never in between: P&L sums exact fill
 * prices. Rounding uses integer cents internally so 0.1 + 0.2 artefacts never leak into a price.
 */
export const CENT = 0.01;

/** Rounds to the nearest multiple of `tick` (half away from zero), returned as a clean decimal. */
export function roundToTick(price: number, tick: number): number {
  const steps = Math.round(Math.abs(price) / tick + 1e-9) * Math.sign(price);
  return Number((steps * tick).toFixed(decimalsOf(tick)));
}

/** Rounds down (towards zero) to the tick: for limit buys that must not pay more than asked. */
export function floorToTick(price: number, tick: number): number {
  return Number((Math.floor(price / tick + 1e-9) * tick).toFixed(decimalsOf(tick)));
}

/** Rounds up to the tick. */
export function ceilToTick(price: number, tick: number): number {
  return Number((Math.ceil(price / tick - 1e-9) * tick).toFixed(decimalsOf(tick)));
}

function decimalsOf(tick: number): number {
  const s = String(tick);
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}
