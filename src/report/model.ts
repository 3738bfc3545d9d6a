import type { BarColumns } from '../core/bar.js';
import type { JournalData } from '../journal/journal-reader.js';
import type { Statistics } from '../stats/statistics.js';

/**
 * Everything a report shows, as plain data: a journalled run (its records and equity as the journal
 * holds them), its bars and premium marks split per symbol and per trade, and its statistics. The
 * report builder only reads it. All timestamps are epoch ms UTC; the report shows them in America/New_York.
 */
export interface ReportModel extends Omit<JournalData, 'bars' | 'marks'> {
  /** The underlying 1-minute bars the run saw, one series per symbol. */
  bars: SymbolBars[];
  /** Option premium per bar while a position was held, one series per trade (option mode). */
  marks: PremiumMarks[];
  statistics: Statistics;
}

export interface SymbolBars {
  symbol: string;
  bars: BarColumns;
}

export interface PremiumMarks {
  intentId: string;
  ts: Float64Array;
  price: Float64Array;
}
