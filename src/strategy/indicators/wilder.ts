/**
 * Wilder's smoothing (an RMA / SMMA): seeded by the plain mean of the first N inputs, then
 * avgₜ = (x − avgₜ₋₁)·(1/N) + avgₜ₋₁, in that operation order (trading-signals' `WSMA`, which
 * its RSI and ATR use, so results agree to the last bit). Shared by RSI (gains, losses) and ATR
 * (true ranges).
 *
 * `count` inputs have been fed; while count < N, `avg` holds their running sum.
 */
export function wilderNext(avg: number, count: number, length: number, x: number): number {
  if (count < length) return count + 1 === length ? (avg + x) / length : avg + x;
  return (x - avg) * (1 / length) + avg;
}
