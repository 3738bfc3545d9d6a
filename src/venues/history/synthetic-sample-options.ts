import type { TradingDate } from '../../core/time.js';

/** The source tag of generated bars: reports label anything carrying it as synthetic. */
export const SYNTHETIC_SOURCE = 'synthetic';

export interface SyntheticSampleOptions {
  /** How many NYSE sessions, ending with `endDate`. */
  sessions: number;
  seed: number;
  /** The last session (fixed, not "today", so a seed always gives the same bars). */
  endDate: TradingDate;
  /** Price the series starts at and is gently pulled back to across nights. */
  price: number;
  /** Target annualised volatility of daily close-to-close returns. */
  annualVol: number;
}

export const DEFAULT_SAMPLE: SyntheticSampleOptions = { sessions: 60, seed: 1, endDate: '2025-12-31', price: 500, annualVol: 0.17 };
