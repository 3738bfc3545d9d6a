import type { EpochMs } from './time.js';

/** BUY = buy a call, SELL = buy a put, HOLD = do nothing. */
export type Action = 'BUY' | 'SELL' | 'HOLD';

/** What a strategy says at a cycle, with its reasons in plain words for the journal and report. */
export interface Signal {
  ts: EpochMs;
  symbol: string;
  /** Which rule set spoke: "scalp", "whale", or a user strategy's name. */
  strategy: string;
  action: Action;
  /** 0..1 */
  confidence: number;
  reasons: string[];
}
