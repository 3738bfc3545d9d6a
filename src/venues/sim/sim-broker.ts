import type { Settings } from '../../config/schema.js';
import type { Instrument, Order } from '../../core/order.js';
import type { EpochMs } from '../../core/time.js';
import type { Cancel, Command, Flatten, SubmitBracket } from '../../engine/commands.js';
import type { OrderAccepted, OrderCancelled, OrderFilled, OrderRejected } from '../../engine/events.js';
import { OcoBook } from '../../execution/oco-book.js';
import { IbFixedFeeModel, type FeeModel } from './fee-model.js';
import { PATH_POINTS, PricePath, instrumentKey, type PricePathSource } from './price-path.js';
import { TickSlippageModel, type SlippageModel } from './slippage-model.js';

export interface SimBrokerModels {
  paths: PricePathSource;
  fees: FeeModel;
  slippage: SlippageModel;
}

/** Where a bracket stands: its entry is working, its position is open (children guard it), it is being flattened, or it has ended. */
type Phase = 'entry' | 'open' | 'exiting' | 'done';

/** The broker's view of one intent. Order fields are null once that order is no longer working. */
interface IntentBook {
  readonly intentId: string;
  readonly key: string;
  readonly instrument: Instrument;
  phase: Phase;
  /** Units held: the parent's quantity once it has filled. */
  position: number;
  parent: Order | null;
  submittedAt: EpochMs;
  cancelParentAt: EpochMs;
  takeProfit: Order | null;
  stopLoss: Order | null;
  /** Children act from the bar after the parent's fill (the bar boundary that ends the fill's bar). */
  childrenFrom: EpochMs;
  exit: Order | null;
  exitFrom: EpochMs;
}

/** The simulated broker's books as plain data (numbers may be Infinity): what stands in for IB's own order books across a rehearsed crash. */
export interface SimBrokerSnapshot {
  intents: IntentBook[];
  seenOrders: string[];
  seenIntents: string[];
}

/** The engine events a broker produces: what happened to orders. */
export type BrokerEvent = OrderAccepted | OrderFilled | OrderCancelled | OrderRejected;

const NO_EVENTS: readonly BrokerEvent[] = Object.freeze([]);

/**
 * The simulated broker: carries out the core's commands against bar paths, with the fill rules
 * of the README ("Simulated broker"). Pure and synchronous: the caller passes time in (command
 * timestamps, bar boundaries) and gets events back; nothing is read from a clock or a disk.
 * Long brackets only, as the bot trades: BUY entry, SELL take-profit limit, SELL stop.
 */
export class SimBroker {
  private readonly path = new PricePath();
  private readonly oco = new OcoBook();
  private intents: IntentBook[] = [];
  private readonly byIntent = new Map<string, IntentBook>();
  /** Working order id → its intent, for Cancel. */
  private readonly working = new Map<string, IntentBook>();
  private readonly seenOrders = new Set<string>();
  private readonly seenIntents = new Set<string>();
  private out: BrokerEvent[] | null = null;

  constructor(private readonly models: SimBrokerModels) {}

  static fromSettings(backtest: Settings['backtest'], paths: PricePathSource): SimBroker {
    return new SimBroker({ paths, fees: new IbFixedFeeModel(backtest.fees), slippage: new TickSlippageModel(backtest.slippage_ticks) });
  }

  /** A deep copy of the working brackets and the ids already used. */
  snapshot(): SimBrokerSnapshot {
    return structuredClone({ intents: this.intents.filter((b) => b.phase !== 'done'), seenOrders: [...this.seenOrders], seenIntents: [...this.seenIntents] });
  }

  /** Takes over a snapshot before any command: working orders, OCO groups and used ids are rebuilt from it. */
  restore(snapshot: SimBrokerSnapshot): void {
    const s = structuredClone(snapshot);
    this.intents = s.intents;
    for (const id of s.seenOrders) this.seenOrders.add(id);
    for (const id of s.seenIntents) this.seenIntents.add(id);
    for (const b of this.intents) {
      this.byIntent.set(b.intentId, b);
      for (const o of [b.parent, b.takeProfit, b.stopLoss, b.exit]) if (o !== null) this.working.set(o.orderId, b);
      if (b.takeProfit !== null && b.stopLoss !== null) {
        const group = b.takeProfit.ocoGroup ?? b.intentId;
        this.oco.add(group, b.takeProfit.orderId);
        this.oco.add(group, b.stopLoss.orderId);
      }
    }
  }

  /** Accepts (or rejects with a reason) a command at `cmd.ts`. Cancelling an order that is no longer working does nothing. */
  submit(cmd: Command): readonly BrokerEvent[] {
    switch (cmd.type) {
      case 'SubmitBracket':
        this.submitBracket(cmd);
        break;
      case 'Cancel':
        this.cancel(cmd);
        break;
      case 'Flatten':
        this.flatten(cmd);
        break;
    }
    return this.drain();
  }

  /** Walks every working order through the bar [barStart, barEnd). Returns a shared empty array when nothing happens. */
  onBar(barStart: EpochMs, barEnd: EpochMs): readonly BrokerEvent[] {
    const intents = this.intents;
    let ended = false;
    for (let i = 0; i < intents.length; i++) {
      const b = intents[i]!;
      if (b.phase === 'open') this.stepOpen(b, barStart, barEnd);
      else if (b.phase === 'entry') this.stepEntry(b, barStart, barEnd);
      else if (b.phase === 'exiting') this.stepExit(b, barStart);
      if (b.phase === 'done') ended = true;
    }
    if (ended) this.intents = intents.filter((b) => b.phase !== 'done');
    return this.drain();
  }

  /**
   * Settles an option position at expiry: its working orders are cancelled and `exit` (role
   * 'exit', SELL MKT, the position's quantity) is accepted and filled at intrinsic value,
   * max(0, S − K) for a call, max(0, K − S) for a put, without fees. The driver calls it at the
   * expiry session's close for positions still open.
   */
  settleExpiry(exit: Order, underlyingClose: number, ts: EpochMs): readonly BrokerEvent[] {
    const b = this.byIntent.get(exit.intentId);
    const contract = b?.instrument.kind === 'option' ? b.instrument.contract : null;
    const problem = this.exitProblem(b, exit) ?? (contract === null ? 'only options expire' : null);
    if (problem !== null) {
      this.emit({ type: 'OrderRejected', ts, orderId: exit.orderId, reason: problem });
    } else if (this.closeIntent(b!, exit, ts, 'expired')) {
      this.seenOrders.add(exit.orderId);
      this.emit({ type: 'OrderAccepted', ts, orderId: exit.orderId });
      const c = contract!;
      const intrinsic = Math.max(0, c.right === 'C' ? underlyingClose - c.strike : c.strike - underlyingClose);
      this.emit({ type: 'OrderFilled', ts, orderId: exit.orderId, quantity: exit.quantity, price: intrinsic, fees: 0 });
      this.finish(b!);
    }
    return this.drain();
  }

  private submitBracket(cmd: SubmitBracket): void {
    const orders = [cmd.parent, cmd.takeProfit, cmd.stopLoss];
    const problem = this.bracketProblem(cmd);
    if (problem !== null) {
      for (const o of orders) this.emit({ type: 'OrderRejected', ts: cmd.ts, orderId: o.orderId, reason: problem });
      return;
    }
    const b: IntentBook = {
      intentId: cmd.intentId,
      key: instrumentKey(cmd.parent.instrument),
      instrument: cmd.parent.instrument,
      phase: 'entry',
      position: 0,
      parent: cmd.parent,
      submittedAt: cmd.ts,
      cancelParentAt: cmd.cancelParentAt ?? Infinity,
      takeProfit: cmd.takeProfit,
      stopLoss: cmd.stopLoss,
      childrenFrom: Infinity,
      exit: null,
      exitFrom: Infinity,
    };
    this.intents.push(b);
    this.byIntent.set(b.intentId, b);
    this.seenIntents.add(b.intentId);
    for (const o of orders) {
      this.seenOrders.add(o.orderId);
      this.working.set(o.orderId, b);
      this.emit({ type: 'OrderAccepted', ts: cmd.ts, orderId: o.orderId });
    }
    const group = cmd.takeProfit.ocoGroup ?? cmd.intentId;
    this.oco.add(group, cmd.takeProfit.orderId);
    this.oco.add(group, cmd.stopLoss.orderId);
  }

  private bracketProblem(cmd: SubmitBracket): string | null {
    const { parent, takeProfit: tp, stopLoss: sl } = cmd;
    if (this.seenIntents.has(cmd.intentId)) return `intent ${cmd.intentId} was already submitted`;
    const ids = [parent.orderId, tp.orderId, sl.orderId];
    for (const [i, id] of ids.entries()) {
      if (this.seenOrders.has(id) || ids.indexOf(id) !== i) return `order id ${id} is already used`;
    }
    const shape =
      orderProblem(parent, 'entry', 'BUY', parent.type === 'MKT' ? 'MKT' : 'LMT') ??
      orderProblem(tp, 'take-profit', 'SELL', 'LMT') ??
      orderProblem(sl, 'stop-loss', 'SELL', 'STP');
    if (shape !== null) return shape;
    for (const o of [parent, tp, sl]) {
      if (o.intentId !== cmd.intentId) return `order ${o.orderId} belongs to intent ${o.intentId}, not ${cmd.intentId}`;
    }
    const key = instrumentKey(parent.instrument);
    if (instrumentKey(tp.instrument) !== key || instrumentKey(sl.instrument) !== key) return `the bracket's orders must trade one instrument (${key})`;
    if (tp.ocoGroup !== sl.ocoGroup) return `children must share one OCO group (got ${tp.ocoGroup} and ${sl.ocoGroup})`;
    if (tp.quantity !== parent.quantity || sl.quantity !== parent.quantity) return `children must have the parent's quantity ${parent.quantity}`;
    if (tp.price <= sl.price) return `take-profit ${tp.price} must be above the stop ${sl.price}`;
    if (cmd.cancelParentAt !== null && !(cmd.cancelParentAt > cmd.ts)) return `cancelParentAt ${cmd.cancelParentAt} must be after the submission at ${cmd.ts}`;
    return null;
  }

  private cancel(cmd: Cancel): void {
    if (this.working.has(cmd.orderId)) this.cancelWorking(cmd.orderId, cmd.ts, cmd.reason);
    else if (!this.seenOrders.has(cmd.orderId)) throw new Error(`Cancel: the simulated broker never received order ${cmd.orderId}`);
  }

  /** Cancels one working order; a parent takes its children with it, a cancelled exit leaves the position open. */
  private cancelWorking(orderId: string, ts: EpochMs, reason: string): void {
    const b = this.working.get(orderId)!;
    if (b.parent?.orderId === orderId) {
      this.cancelEntry(b, ts, reason);
    } else if (b.takeProfit?.orderId === orderId) {
      this.cancelOrder(b.takeProfit, ts, reason);
      b.takeProfit = null;
    } else if (b.stopLoss?.orderId === orderId) {
      this.cancelOrder(b.stopLoss, ts, reason);
      b.stopLoss = null;
    } else if (b.exit?.orderId === orderId) {
      this.cancelOrder(b.exit, ts, reason);
      b.exit = null;
      b.phase = 'open';
    }
  }

  private flatten(cmd: Flatten): void {
    const b = this.byIntent.get(cmd.intentId);
    const problem = this.exitProblem(b, cmd.order) ?? (b!.phase === 'exiting' ? `intent ${cmd.intentId} is already being flattened` : null);
    if (problem !== null) {
      this.emit({ type: 'OrderRejected', ts: cmd.ts, orderId: cmd.order.orderId, reason: problem });
    } else if (this.closeIntent(b!, cmd.order, cmd.ts, `flatten: ${cmd.reason}`)) {
      this.emit({ type: 'OrderAccepted', ts: cmd.ts, orderId: cmd.order.orderId });
      this.seenOrders.add(cmd.order.orderId);
      this.working.set(cmd.order.orderId, b!);
      b!.exit = cmd.order;
      b!.exitFrom = cmd.ts;
      b!.phase = 'exiting';
    }
  }

  /** Why `exit` cannot close intent `b`, or null. */
  private exitProblem(b: IntentBook | undefined, exit: Order): string | null {
    if (b === undefined) return `intent ${exit.intentId} has no open position`;
    if (this.seenOrders.has(exit.orderId)) return `order id ${exit.orderId} is already used`;
    const shape = orderProblem(exit, 'exit', 'SELL', 'MKT');
    if (shape !== null) return shape;
    if (instrumentKey(exit.instrument) !== b.key) return `intent ${b.intentId} holds ${b.key}, not ${instrumentKey(exit.instrument)}`;
    if (b.phase !== 'entry' && exit.quantity !== b.position) return `exit quantity ${exit.quantity} differs from the position ${b.position}`;
    return null;
  }

  /**
   * Cancels every working order of the intent with `reason`. Returns whether a position is left
   * for `exit` to close; when the entry never filled there is none, and `exit` is rejected.
   */
  private closeIntent(b: IntentBook, exit: Order, ts: EpochMs, reason: string): boolean {
    if (b.phase === 'entry') {
      this.cancelEntry(b, ts, reason);
      this.emit({ type: 'OrderRejected', ts, orderId: exit.orderId, reason: `intent ${b.intentId} has no position: its entry never filled` });
      return false;
    }
    this.cancelChildren(b, ts, reason);
    if (b.exit !== null) {
      this.cancelOrder(b.exit, ts, reason);
      b.exit = null;
    }
    return true;
  }

  private stepEntry(b: IntentBook, barStart: EpochMs, barEnd: EpochMs): void {
    if (barStart >= b.cancelParentAt) return this.expireEntry(b, barStart);
    const parent = b.parent!;
    if (barStart >= b.submittedAt && this.models.paths.path(b.key, barStart, this.path)) {
      const ask = this.path.ask;
      const open = ask[0]!;
      if (parent.type === 'MKT') return this.fillParent(b, parent, this.models.slippage.adverse('BUY', open), barStart, barEnd);
      if (open <= parent.price) return this.fillParent(b, parent, Math.min(parent.price, this.models.slippage.adverse('BUY', open)), barStart, barEnd);
      for (let k = 1; k < PATH_POINTS; k++) {
        if (ask[k]! <= parent.price) return this.fillParent(b, parent, parent.price, barEnd, barEnd);
      }
    }
    if (barEnd >= b.cancelParentAt) this.expireEntry(b, barEnd);
  }

  private stepOpen(b: IntentBook, barStart: EpochMs, barEnd: EpochMs): void {
    const sl = b.stopLoss;
    const tp = b.takeProfit;
    if (barStart < b.childrenFrom || (sl === null && tp === null) || !this.models.paths.path(b.key, barStart, this.path)) return;
    const bid = this.path.bid;
    const open = bid[0]!;
    // At the open nothing is ambiguous: a gap through either child fills it at the open bid.
    if (sl !== null && open <= sl.price) return this.fillChild(b, sl, this.models.slippage.adverse('SELL', open), barStart);
    if (tp !== null && open >= tp.price) return this.fillChild(b, tp, Math.max(tp.price, this.models.slippage.adverse('SELL', open)), barStart);
    let low = bid[1]!;
    let high = low;
    for (let k = 2; k < PATH_POINTS; k++) {
      const p = bid[k]!;
      if (p < low) low = p;
      else if (p > high) high = p;
    }
    // Inside the bar the stop wins whenever it is touched, whichever extreme came first (pessimistic).
    if (sl !== null && low <= sl.price) return this.fillChild(b, sl, this.models.slippage.adverse('SELL', sl.price), barEnd);
    if (tp !== null && high >= tp.price) this.fillChild(b, tp, tp.price, barEnd);
  }

  private stepExit(b: IntentBook, barStart: EpochMs): void {
    const exit = b.exit!;
    if (barStart < b.exitFrom || !this.models.paths.path(b.key, barStart, this.path)) return;
    this.fill(b, exit, this.models.slippage.adverse('SELL', this.path.bid[0]!), barStart);
    b.exit = null;
    this.finish(b);
  }

  private fillParent(b: IntentBook, parent: Order, price: number, ts: EpochMs, barEnd: EpochMs): void {
    this.fill(b, parent, price, ts);
    b.parent = null;
    b.position = parent.quantity;
    b.childrenFrom = barEnd;
    b.phase = 'open';
  }

  private fillChild(b: IntentBook, child: Order, price: number, ts: EpochMs): void {
    this.fill(b, child, price, ts);
    if (b.takeProfit === child) b.takeProfit = null;
    else b.stopLoss = null;
    for (const id of this.oco.filled(child.orderId)) this.cancelWorking(id, ts, `OCO: ${child.orderId} filled`);
    this.finish(b);
  }

  private fill(b: IntentBook, o: Order, price: number, ts: EpochMs): void {
    this.working.delete(o.orderId);
    const fees = this.models.fees.orderFee(b.instrument, o.quantity, price);
    this.emit({ type: 'OrderFilled', ts, orderId: o.orderId, quantity: o.quantity, price, fees });
  }

  /** The parent's time is up (`cancelParentAt` reached at a bar boundary). */
  private expireEntry(b: IntentBook, ts: EpochMs): void {
    this.cancelEntry(b, ts, `unfilled after ${(b.cancelParentAt - b.submittedAt) / 1000} s`);
  }

  /** Cancels an unfilled parent and, with it, its children: the bracket ends. */
  private cancelEntry(b: IntentBook, ts: EpochMs, reason: string): void {
    this.cancelOrder(b.parent!, ts, reason);
    b.parent = null;
    this.cancelChildren(b, ts, 'parent cancelled');
    this.finish(b);
  }

  private cancelChildren(b: IntentBook, ts: EpochMs, reason: string): void {
    if (b.takeProfit !== null) this.cancelOrder(b.takeProfit, ts, reason);
    if (b.stopLoss !== null) this.cancelOrder(b.stopLoss, ts, reason);
    b.takeProfit = null;
    b.stopLoss = null;
  }

  private cancelOrder(o: Order, ts: EpochMs, reason: string): void {
    this.working.delete(o.orderId);
    this.oco.remove(o.orderId);
    this.emit({ type: 'OrderCancelled', ts, orderId: o.orderId, reason });
  }

  private finish(b: IntentBook): void {
    b.phase = 'done';
    this.byIntent.delete(b.intentId);
  }

  private emit(e: BrokerEvent): void {
    if (this.out === null) this.out = [e];
    else this.out.push(e);
  }

  private drain(): readonly BrokerEvent[] {
    const out = this.out;
    this.out = null;
    return out ?? NO_EVENTS;
  }
}

/** Why `o` cannot play `role` as a `side` `type` order, or null. */
function orderProblem(o: Order, role: Order['role'], side: Order['side'], type: Order['type']): string | null {
  if (o.role !== role || o.side !== side || o.type !== type) return `${role} order ${o.orderId} must be a ${side} ${type} with role '${role}' (got ${o.side} ${o.type} '${o.role}')`;
  if (!Number.isInteger(o.quantity) || o.quantity <= 0) return `order ${o.orderId}: quantity must be a positive whole number (got ${o.quantity})`;
  if (type !== 'MKT' && !(o.price > 0 && Number.isFinite(o.price))) return `order ${o.orderId}: price must be a positive number (got ${o.price})`;
  return null;
}
