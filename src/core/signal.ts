import type { EpochMs } from './time.js';

/** BUY = buy a call, SELL = buy a put, HOLD = do nothing. */
export type Action = 'BUY' | 'SELL' | 'HOLD';

/**
 * What a strategy says at a cycle. Its reasons travel as the strategy's `rule` that decided and
 * the numbers behind it (`facts`); the strategy's `explain` turns them into words when a person
 * reads them (report, compare, order notes). A backtest journals tens of thousands of signals a
 * year, and formatting their text up front was most of its time and garbage.
 */
export interface Signal {
  ts: EpochMs;
  symbol: string;
  /** Which rule set spoke: "scalp", "whale", or a user strategy's name. */
  strategy: string;
  action: Action;
  /** 0..1 */
  confidence: number;
  /** The strategy's name for the rule that decided, e.g. "no-rule" or "cooldown". */
  rule: string;
  /** The numbers behind the decision, in the order the strategy's `explain` reads them. */
  facts: number[];
}

/** A signal with its reasons in plain words, as readers of the journal get it. */
export interface ExplainedSignal extends Signal {
  reasons: string[];
}
