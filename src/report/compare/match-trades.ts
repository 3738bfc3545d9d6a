import type { TradeRecord } from '../../journal/records.js';

export interface TradeMatch {
  a: TradeRecord;
  b: TradeRecord;
}

export interface TradeMatching {
  matched: TradeMatch[];
  onlyA: TradeRecord[];
  onlyB: TradeRecord[];
}

/** Two runs took "the same trade" when symbol and side (call / put / stock) agree and entries are this close. */
export const MATCH_WINDOW_MS = 5 * 60_000;

const sideKey = (t: TradeRecord): string => `${t.symbol}\u0000${t.right ?? 'stock'}`;

/**
 * Pairs the trades of two runs: for each trade of A (in entry order), the nearest unpaired trade of B
 * with the same symbol and side entered within MATCH_WINDOW_MS. Strikes may differ (a live day sees
 * slightly different quotes), so the contract is not part of the key.
 */
export function matchTrades(a: readonly TradeRecord[], b: readonly TradeRecord[], windowMs = MATCH_WINDOW_MS): TradeMatching {
  const free = new Map<string, TradeRecord[]>();
  for (const t of b) {
    const k = sideKey(t);
    if (!free.has(k)) free.set(k, []);
    free.get(k)!.push(t);
  }
  const matched: TradeMatch[] = [];
  const onlyA: TradeRecord[] = [];
  for (const ta of [...a].sort((x, y) => x.entryTs - y.entryTs)) {
    const pool = free.get(sideKey(ta)) ?? [];
    let best = -1;
    for (let i = 0; i < pool.length; i++) {
      const d = Math.abs(pool[i]!.entryTs - ta.entryTs);
      if (d <= windowMs && (best < 0 || d < Math.abs(pool[best]!.entryTs - ta.entryTs))) best = i;
    }
    if (best < 0) onlyA.push(ta);
    else matched.push({ a: ta, b: pool.splice(best, 1)[0]! });
  }
  const onlyB = [...free.values()].flat().sort((x, y) => x.entryTs - y.entryTs);
  return { matched, onlyA, onlyB };
}
