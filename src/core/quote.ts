import type { EpochMs } from './time.js';

/** A top-of-book snapshot. Missing sides are NaN, never 0, so a one-sided market cannot look free. */
export interface Quote {
  ts: EpochMs;
  bid: number;
  ask: number;
  last: number;
  bidSize: number;
  askSize: number;
  /** Session volume so far (contracts for options). */
  volume: number;
  /** True when the venue served delayed data (IB market data type 3). */
  delayed: boolean;
}

export const mid = (q: Pick<Quote, 'bid' | 'ask'>): number => (q.bid + q.ask) / 2;

/** (ask − bid) / mid: the spread filter's measure. */
export const spreadPct = (q: Pick<Quote, 'bid' | 'ask'>): number => (q.ask - q.bid) / mid(q);
