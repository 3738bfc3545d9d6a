import type { ExitReason } from './commands.js';
import type { Instrument } from '../core/order.js';
import { multiplierOf } from '../core/position.js';
import type { EpochMs } from '../core/time.js';
import { contractId } from '../core/option-contract.js';
import type { TradeRecord } from '../journal/records.js';

/** An open position of one intent, with what the trade record will need when it closes. */
export interface OpenPosition {
  intentId: string;
  symbol: string;
  instrument: Instrument;
  quantity: number;
  entryPrice: number;
  entryTs: EpochMs;
  fees: number;
  takeProfit: number;
  stopLoss: number;
  mark: number;
  /** Worst and best unrealised P&L seen while held, in dollars. */
  mae: number;
  mfe: number;
  /** Set when the core asked to close it, so the exit fill carries the reason. */
  exitReason: ExitReason | null;
  /** Exit fills so far (an exit may fill in parts). */
  exitedQuantity: number;
  exitNotional: number;
  exitFees: number;
  exitFills: number;
  lastExitPrice: number;
}

/**
 * Cash and open long positions. Cash moves by the full traded value on every fill (pay on
 * entry, receive on exit), so equity = cash + Σ qty × mark × multiplier.
 */
export class Portfolio {
  cash: number;
  realized = 0;
  readonly open = new Map<string, OpenPosition>();

  constructor(initialEquity: number) {
    this.cash = initialEquity;
  }

  get equity(): number {
    return this.cash + this.unrealizedValue();
  }

  // Both sums skip the loop when flat (most minutes): iterating even an empty Map allocates an iterator.

  /** Market value of open positions (what closing them at their marks would bring in). */
  unrealizedValue(): number {
    let v = 0;
    if (this.open.size > 0) for (const p of this.open.values()) v += p.quantity * p.mark * multiplierOf(p.instrument);
    return v;
  }

  /** Unrealised P&L of open positions against their entries, fees excluded. */
  unrealizedPnl(): number {
    let v = 0;
    if (this.open.size > 0) for (const p of this.open.values()) v += p.quantity * (p.mark - p.entryPrice) * multiplierOf(p.instrument);
    return v;
  }

  addEntryFill(
    p: Pick<OpenPosition, 'intentId' | 'symbol' | 'instrument' | 'entryTs' | 'takeProfit' | 'stopLoss'>,
    quantity: number,
    price: number,
    fees: number,
  ): void {
    const existing = this.open.get(p.intentId);
    const m = multiplierOf(p.instrument);
    this.cash -= quantity * price * m + fees;
    if (existing) {
      // A partial fill adds to the position at its average price.
      const q = existing.quantity + quantity;
      existing.entryPrice = (existing.entryPrice * existing.quantity + price * quantity) / q;
      existing.quantity = q;
      existing.fees += fees;
      return;
    }
    // One literal, not `{ ...p, … }`: V8 builds a spread with added fields through a slow path.
    this.open.set(p.intentId, {
      intentId: p.intentId,
      symbol: p.symbol,
      instrument: p.instrument,
      entryTs: p.entryTs,
      takeProfit: p.takeProfit,
      stopLoss: p.stopLoss,
      quantity,
      entryPrice: price,
      fees,
      mark: price,
      mae: 0,
      mfe: 0,
      exitReason: null,
      exitedQuantity: 0,
      exitNotional: 0,
      exitFees: 0,
      exitFills: 0,
      lastExitPrice: NaN,
    });
  }

  /** Applies an exit fill; returns the round trip once the position is fully closed. */
  addExitFill(intentId: string, quantity: number, price: number, fees: number, ts: EpochMs, reason: ExitReason): TradeRecord | null {
    const p = this.open.get(intentId);
    if (!p) return null;
    const m = multiplierOf(p.instrument);
    this.cash += quantity * price * m - fees;
    p.quantity -= quantity;
    p.exitedQuantity += quantity;
    p.exitNotional += quantity * price;
    p.exitFees += fees;
    p.exitFills++;
    p.lastExitPrice = price;
    if (p.quantity > 1e-9) return null;
    this.open.delete(intentId);
    // One fill keeps its exact price; only real partial fills are averaged.
    const exitPrice = p.exitFills === 1 ? p.lastExitPrice : p.exitNotional / p.exitedQuantity;
    const gross = (exitPrice - p.entryPrice) * p.exitedQuantity * m;
    const pnl = gross - p.fees - p.exitFees;
    this.realized += pnl;
    const option = p.instrument.kind === 'option' ? p.instrument.contract : null;
    return {
      intentId,
      symbol: p.symbol,
      instrument: p.instrument.kind,
      contract: option ? contractId(option) : p.symbol,
      right: option ? option.right : null,
      quantity: p.exitedQuantity,
      entryTs: p.entryTs,
      entryPrice: p.entryPrice,
      exitTs: ts,
      exitPrice,
      exitReason: p.exitReason ?? reason,
      pnl,
      fees: p.fees + p.exitFees,
      mae: Math.min(p.mae, gross),
      mfe: Math.max(p.mfe, gross),
      holdingMs: ts - p.entryTs,
      takeProfitPrice: p.takeProfit,
      stopPrice: p.stopLoss,
    };
  }

  /** Re-marks a position and widens its excursions. */
  markPosition(p: OpenPosition, mark: number): void {
    p.mark = mark;
    const u = p.quantity * (mark - p.entryPrice) * multiplierOf(p.instrument);
    if (u < p.mae) p.mae = u;
    if (u > p.mfe) p.mfe = u;
  }
}
