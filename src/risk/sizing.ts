/**
 * Contracts (or shares) to buy so that a stop-out loses at most `riskPct` of equity:
 * floor(equity × riskPct / (premium × stopLossPct × multiplier)). Zero means skip the trade.
 */
export function positionSize(equity: number, riskPct: number, premium: number, stopLossPct: number, multiplier: number): number {
  const riskPerUnit = premium * stopLossPct * multiplier;
  if (!(riskPerUnit > 0) || !(equity > 0)) return 0;
  // The epsilon keeps exact quotients (e.g. 1000 / 250) from flooring to one less through rounding.
  return Math.floor((equity * riskPct) / riskPerUnit + 1e-9);
}

/** Why sizing gave zero, in the words the journal shows. */
export function zeroSizeReason(equity: number, riskPct: number, premium: number, stopLossPct: number, multiplier: number): string {
  const budget = equity * riskPct;
  const perUnit = premium * stopLossPct * multiplier;
  return `size 0: risk budget $${budget.toFixed(2)} < risk per contract $${perUnit.toFixed(2)} (premium ${premium.toFixed(2)} × stop ${stopLossPct} × ${multiplier})`;
}
