import type { JournalData } from '../journal/journal-reader.js';
import type { Statistics } from '../stats/statistics.js';
import type { PremiumMarks, ReportModel, SymbolBars } from './model.js';

/** The report's view of a journalled run: the journal as read, bars split per symbol and marks per trade. */
export function reportModelOf(data: JournalData, statistics: Statistics): ReportModel {
  return { ...data, bars: barsBySymbol(data), marks: marksByIntent(data), statistics };
}

/** Splits the journal's one set of bar columns (rows grouped by symbol, in time order) per symbol. */
function barsBySymbol({ bars }: JournalData): SymbolBars[] {
  const out: SymbolBars[] = [];
  let start = 0;
  for (let i = 1; i <= bars.length; i++) {
    if (i < bars.length && bars.symbol[i] === bars.symbol[start]) continue;
    out.push({
      symbol: bars.symbol[start]!,
      bars: {
        ts: bars.ts.subarray(start, i),
        open: bars.open.subarray(start, i),
        high: bars.high.subarray(start, i),
        low: bars.low.subarray(start, i),
        close: bars.close.subarray(start, i),
        volume: bars.volume.subarray(start, i),
        length: i - start,
      },
    });
    start = i;
  }
  return out;
}

function marksByIntent({ marks }: JournalData): PremiumMarks[] {
  const rows = new Map<string, number[]>();
  for (let i = 0; i < marks.length; i++) {
    const id = marks.intentId[i]!;
    let list = rows.get(id);
    if (!list) rows.set(id, (list = []));
    list.push(i);
  }
  return [...rows].map(([intentId, idx]) => ({
    intentId,
    ts: Float64Array.from(idx, (i) => marks.ts[i]!),
    price: Float64Array.from(idx, (i) => marks.price[i]!),
  }));
}
