import type { Settings } from '../config/schema.js';
import { roundToTick } from '../core/money.js';
import type { Instrument, Order } from '../core/order.js';
import type { Quote } from '../core/quote.js';
import type { EpochMs } from '../core/time.js';
import type { SubmitBracket } from '../engine/commands.js';
import { tickSize } from './tick-size.js';

export interface BracketRequest {
  intentId: string;
  ts: EpochMs;
  instrument: Instrument;
  quantity: number;
  quote: Quote;
}

/** The reference entry price the bracket is built around: the parent limit, or the ask for a market entry. */
export function entryPrice(req: BracketRequest, exec: Settings['execution']): number {
  const { quote, instrument } = req;
  const mid = (quote.bid + quote.ask) / 2;
  const tick = tickSize(instrument, mid, exec.option_tick);
  switch (exec.entry_price) {
    case 'ask':
      return roundToTick(quote.ask, tick);
    case 'mid':
      return roundToTick(mid, tick);
    case 'mid_plus_ticks':
      return Math.min(roundToTick(mid + exec.entry_offset_ticks * tick, tick), roundToTick(quote.ask, tick));
  }
}

/**
 * An approved entry as a bracket: a parent buy and two sell children in one OCO group, a
 * take-profit limit at entry × (1 + take_profit_pct) and a stop at entry × (1 − stop_loss_pct),
 * rounded to the tick. Always long: a BUY signal buys a call, a SELL signal a put (the bot never
 * writes options); stock mode buys shares with a market order, filling at the next bar's open.
 */
export function buildBracket(req: BracketRequest, settings: Settings): SubmitBracket {
  const { risk, execution } = settings;
  const entry = entryPrice(req, execution);
  const tpRaw = entry * (1 + risk.take_profit_pct);
  const slRaw = entry * (1 - risk.stop_loss_pct);
  const takeProfit = roundToTick(tpRaw, tickSize(req.instrument, tpRaw, execution.option_tick));
  const stopLoss = roundToTick(slRaw, tickSize(req.instrument, slRaw, execution.option_tick));
  const { intentId, instrument, quantity } = req;
  const oco = `${intentId}-OCO`;
  const stock = instrument.kind === 'stock';
  // Each order is one literal: V8 builds `{ ...base, more }` through a slow path (microseconds an object).
  const parent: Order = { intentId, instrument, quantity, status: 'pending', orderId: `${intentId}-P`, role: 'entry', side: 'BUY', type: stock ? 'MKT' : 'LMT', price: stock ? NaN : entry };
  const parentId = parent.orderId;
  const cancelAfter = execution.cancel_unfilled_after_seconds;
  return {
    type: 'SubmitBracket',
    ts: req.ts,
    intentId,
    parent,
    takeProfit: { intentId, instrument, quantity, status: 'pending', orderId: `${intentId}-TP`, role: 'take-profit', side: 'SELL', type: 'LMT', price: takeProfit, ocoGroup: oco, parentId },
    stopLoss: { intentId, instrument, quantity, status: 'pending', orderId: `${intentId}-SL`, role: 'stop-loss', side: 'SELL', type: 'STP', price: stopLoss, ocoGroup: oco, parentId },
    cancelParentAt: cancelAfter > 0 && !stock ? req.ts + cancelAfter * 1000 : null,
  };
}

/** Deterministic intent id: symbol and decision time, e.g. "SPY-20240405T133500Z". Also the IB orderRef stem. */
export const intentIdFor = (symbol: string, ts: EpochMs): string =>
  `${symbol}-${new Date(ts).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')}`;
