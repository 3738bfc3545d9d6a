import { JournalBuffer } from '../../src/journal/journal-buffer.js';
import type { RunRecord } from '../../src/journal/records.js';

const SESSION_BARS = 390;
const FIRST_OPEN = Date.UTC(2024, 2, 26, 13, 30); // 09:30 New York (EDT)

export function sampleRun(runId: string, startedAt = 1_700_000_000_000): RunRecord {
  return {
    runId,
    mode: 'backtest',
    settings: { risk: { stop_loss_pct: 0.1 }, symbols: ['SPY'] },
    symbols: ['SPY'],
    instrument: 'option',
    dataFrom: FIRST_OPEN,
    dataTo: FIRST_OPEN + 10 * 86_400_000,
    dataSources: ['synthetic'],
    codeVersion: '0.1.0',
    startedAt,
    endedAt: null,
  };
}

/**
 * A deterministic journal shaped like a backtest: `sessions` sessions of 390 one-minute SPY bars
 * (one per calendar day from 2024-03-26), an equity point per bar, and `tradesPerSession` round
 * trips per session with their signal, risk decision, orders, fills, marks and log lines.
 * 256 sessions is a year: ~100k bars and equity points.
 */
export function sampleBuffer(sessions: number, tradesPerSession = 4): JournalBuffer {
  const b = new JournalBuffer();
  let equity = 100_000;
  let intent = 0;
  for (let s = 0; s < sessions; s++) {
    const open = FIRST_OPEN + s * 86_400_000;
    const every = Math.floor(SESSION_BARS / (tradesPerSession + 1));
    let holding: { id: string; entry: number; from: number } | null = null;
    for (let i = 0; i < SESSION_BARS; i++) {
      const ts = open + i * 60_000;
      const k = s * SESSION_BARS + i;
      const close = 500 + 5 * Math.sin(k / 97) + 0.3 * Math.sin(k * 1.7);
      b.bar('SPY', { ts, open: close - 0.05, high: close + 0.2, low: close - 0.25, close, volume: 10_000 + (k % 713) * 37 });
      if (holding === null && i > 0 && i % every === 0 && intent < (s + 1) * tradesPerSession) {
        const id = `i${++intent}`;
        holding = { id, entry: 2 + (k % 7) / 10, from: i };
        b.signal({ ts, symbol: 'SPY', strategy: 'scalp', action: k % 2 ? 'BUY' : 'SELL', confidence: 0.7, rule: 'sample', facts: [30, k] });
        b.risk({ ts, symbol: 'SPY', intentId: id, kind: 'entry', approved: true, reason: 'sized 5' });
        b.order({ ts, orderId: `${id}-p`, intentId: id, role: 'entry', side: 'BUY', type: 'LMT', quantity: 5, price: holding.entry, status: 'filled', reason: '' });
        b.order({ ts, orderId: `${id}-tp`, intentId: id, role: 'take-profit', side: 'SELL', type: 'LMT', quantity: 5, price: holding.entry * 1.2, status: 'working', reason: '' });
        b.fill({ ts: ts + 1_000, orderId: `${id}-p`, intentId: id, role: 'entry', quantity: 5, price: holding.entry, fees: 3.25 });
        b.write({ ts, level: 'info', run_id: 'ignored', event: 'order.filled', msg: `entry ${id}`, intentId: id, qty: 5 });
      }
      if (holding !== null) {
        const mark = holding.entry + (i - holding.from) * 0.01;
        b.mark(holding.id, ts, mark);
        if (i - holding.from === 20) {
          const pnl = (mark - holding.entry) * 500 - 6.5;
          equity += pnl;
          b.order({ ts, orderId: `${holding.id}-x`, intentId: holding.id, role: 'exit', side: 'SELL', type: 'MKT', quantity: 5, price: NaN, status: 'filled', reason: 'flatten' });
          b.fill({ ts, orderId: `${holding.id}-x`, intentId: holding.id, role: 'exit', quantity: 5, price: mark, fees: 3.25 });
          b.trade({
            intentId: holding.id,
            symbol: 'SPY',
            instrument: 'option',
            contract: 'SPY 2024-04-05 520C',
            right: 'C',
            quantity: 5,
            entryTs: open + holding.from * 60_000,
            entryPrice: holding.entry,
            exitTs: ts,
            exitPrice: mark,
            exitReason: 'flatten',
            pnl,
            fees: 6.5,
            mae: -10,
            mfe: pnl + 6.5,
            holdingMs: 20 * 60_000,
            takeProfitPrice: holding.entry * 1.2,
            stopPrice: holding.entry * 0.9,
          });
          b.write({ ts, level: 'info', run_id: 'ignored', event: 'trade.closed', msg: `exit ${holding.id}`, pnl });
          holding = null;
        }
      }
      const unrealized = holding ? (close - 500) * 0.1 : 0;
      b.equity(ts, equity + unrealized, equity, equity - 100_000, unrealized, holding ? 1 : 0);
    }
  }
  b.risk({ ts: FIRST_OPEN, symbol: 'SPY', intentId: null, kind: 'guard-halt', approved: false, reason: 'daily loss 5%' });
  b.write({ ts: FIRST_OPEN, level: 'warn', run_id: 'ignored', event: 'guard', fields: { nested: [1, 2] } });
  return b;
}
