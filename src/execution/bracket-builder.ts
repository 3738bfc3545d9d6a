import type { Settings } from '../config/schema.js';
import { roundToTick } from '../core/money.js';
import type { Instrument, Order, Side } from '../core/order.js';
import type { Quote } from '../core/quote.js';
import type { EpochMs } from '../core/time.js';
import type { SubmitBracket } from '../engine/commands.js';
import type { Direction } from '../engine/market-view.js';
import { tickSize } from './tick-size.js';

export interface BracketRequest {
  intentId: string;
  ts: EpochMs;
  instrument: Instrument;
  /** Options are always bought (BUY signal → call, SELL → put); stock follows the direction. */
  direction: Direction;
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
 * An approved entry as a bracket: a parent entry and two children in one OCO group, a
 * take-profit limit at entry × (1 ± take_profit_pct) and a stop at entry × (1 ∓ stop_loss_pct),
 * rounded to the tick. Options and stock longs enter with a limit (stock: market, filling at
 * the next bar's open); stock shorts mirror the children.
 */
export function buildBracket(req: BracketRequest, settings: Settings): SubmitBracket {
  const { risk, execution } = settings;
  const short = req.instrument.kind === 'stock' && req.direction === 'SELL';
  const entry = entryPrice(req, execution);
  const sign = short ? -1 : 1;
  const tpRaw = entry * (1 + sign * risk.take_profit_pct);
  const slRaw = entry * (1 - sign * risk.stop_loss_pct);
  const takeProfit = roundToTick(tpRaw, tickSize(req.instrument, tpRaw, execution.option_tick));
  const stopLoss = roundToTick(slRaw, tickSize(req.instrument, slRaw, execution.option_tick));
  const open: Side = short ? 'SELL' : 'BUY';
  const close: Side = short ? 'BUY' : 'SELL';
  const oco = `${req.intentId}-OCO`;
  const base = { intentId: req.intentId, instrument: req.instrument, quantity: req.quantity, status: 'pending' as const };
  const parent: Order =
    req.instrument.kind === 'stock'
      ? { ...base, orderId: `${req.intentId}-P`, role: 'entry', side: open, type: 'MKT', price: NaN }
      : { ...base, orderId: `${req.intentId}-P`, role: 'entry', side: open, type: 'LMT', price: entry };
  const parentId = parent.orderId;
  const cancelAfter = execution.cancel_unfilled_after_seconds;
  return {
    type: 'SubmitBracket',
    ts: req.ts,
    intentId: req.intentId,
    parent,
    takeProfit: { ...base, orderId: `${req.intentId}-TP`, role: 'take-profit', side: close, type: 'LMT', price: takeProfit, ocoGroup: oco, parentId },
    stopLoss: { ...base, orderId: `${req.intentId}-SL`, role: 'stop-loss', side: close, type: 'STP', price: stopLoss, ocoGroup: oco, parentId },
    cancelParentAt: cancelAfter > 0 && parent.type === 'LMT' ? req.ts + cancelAfter * 1000 : null,
  };
}

/** Deterministic intent id: symbol and decision time, e.g. "SPY-20240405T133500Z". Also the IB orderRef stem. */
export const intentIdFor = (symbol: string, ts: EpochMs): string =>
  `${symbol}-${new Date(ts).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')}`;
