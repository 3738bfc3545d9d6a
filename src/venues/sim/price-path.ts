import type { Instrument } from '../../core/order.js';
import { contractId } from '../../core/option-contract.js';
import type { EpochMs } from '../../core/time.js';

/** How many points a bar's path has: open, the extreme nearer the open, the other extreme, close. */
export const PATH_POINTS = 4;

/**
 * The bid/ask path of one instrument over one bar, in time order: [open, nearer extreme, other
 * extreme, close]. Reused by the broker for every lookup (no allocation per bar); a source
 * writes all eight numbers, each finite.
 */
export class PricePath {
  readonly bid = new Float64Array(PATH_POINTS);
  readonly ask = new Float64Array(PATH_POINTS);
}

/** Where the simulated broker learns prices: it knows nothing of options, stocks or models. */
export interface PricePathSource {
  /** Writes the path of `instrumentKey` over the bar starting at `barStart`; false when it has no price in that bar. */
  path(instrumentKey: string, barStart: EpochMs, out: PricePath): boolean;
}

/** The key prices are looked up by: `contractId()` for an option ("SPY 2024-04-05 520C"), the symbol for stock. */
export const instrumentKey = (i: Instrument): string => (i.kind === 'option' ? contractId(i.contract) : i.symbol);

/**
 * Orders an underlying bar's OHLC into the path's four points. The extreme nearer the open comes
 * first; on a tie the low comes first (an arbitrary but fixed rule, so runs are reproducible).
 * An option source prices its contract at these same four underlying points.
 */
export function orderBarPoints(open: number, high: number, low: number, close: number, out: Float64Array): void {
  const highFirst = high - open < open - low;
  out[0] = open;
  out[1] = highFirst ? high : low;
  out[2] = highFirst ? low : high;
  out[3] = close;
}
