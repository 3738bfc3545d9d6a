import { EventName, OrderAction, OrderType, type CommissionReport, type Contract, type Execution, type Order as IbOrder } from '@stoqey/ib';
import type { Instrument, Order } from '../../core/order.js';
import type { EpochMs } from '../../core/time.js';
import type { Command, Flatten, SubmitBracket } from '../../engine/commands.js';
import type { Logger } from '../../logging/logger.js';
import type { StepBroker } from '../../runtime/minute-step.js';
import type { BrokerEvent } from '../sim/sim-broker.js';
import { describeOrder, orderRefOf } from './dry-run-broker.js';
import type { IbConnection } from './ib-connection.js';
import { optionContract, stockContract } from './ib-contracts.js';
import type { IbSession } from './ib-session.js';
import { loadBooks, reconcile, type OrderKnowledge, type Reconciliation } from './reconcile.js';

/** IB error codes on an order id that mean IB refused the order (201 "Order rejected - reason: …" and friends). */
export const ORDER_REJECT_CODES: ReadonlySet<number> = new Set([103, 104, 105, 106, 107, 109, 110, 111, 113, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 129, 131, 132, 133, 134, 135, 136, 137, 140, 141, 152, 153, 154, 155, 156, 157, 158, 159, 160, 161, 163, 164, 165, 166, 167, 168, 200, 201, 203, 10147]);

/** One order of the core at IB. */
interface Placed {
  order: Order;
  ibId: number;
  acknowledged: boolean;
  ended: boolean;
  /** A parent's "unfilled after N s" deadline (the venue's to enforce, as the simulated broker does). */
  cancelAt?: EpochMs;
  /** Executions so far: the core takes an order's fill whole, so they are summed until the order is complete. */
  filled: number;
  notional: number;
  fees: number;
}

/** What the broker needs to know of the engine at a reconciliation. */
export interface EngineBooks {
  /** Order ids the engine still follows (pending or working). */
  workingOrders: ReadonlySet<string>;
  /** Units held by instrument key. */
  held: Map<string, number>;
}

/**
 * The IB broker (send mode only): carries out the core's commands as IB orders on the
 * connection and turns IB's answers into core events, handed over at the next step.
 *
 * - A bracket is the parent limit (transmit off), the take-profit limit and the stop as its
 *   children (parentId), both children in one OCA group, the stop transmitting the three.
 * - Every order carries orderRef `optbot:<run>:<core order id>` (intent id + role): a core order
 *   id is never placed twice, and after a restart IB's orders are recognised by it.
 * - Order ids come from nextValidId and only go up, across reconnects too.
 * - orderStatus → accepted / cancelled; execDetails + commissionReport → filled with IB's fees;
 *   an IB error on an order id (201 …) → rejected with IB's text.
 * - On every (re)connect, before entries resume, IB's books are reconciled (`reconcile`).
 */
export class IbBroker implements StepBroker {
  private nextId = 0;
  private readonly placed = new Map<string, Placed>();
  private readonly byIbId = new Map<number, Placed>();
  private readonly executions = new Map<string, { placed: Placed; shares: number; price: number }>();
  private queue: BrokerEvent[] = [];
  private reconciling = false;
  private unknown: string | null = null;

  constructor(
    private readonly conn: IbConnection,
    private readonly log: Logger,
    private readonly runId: string,
    private readonly now: () => EpochMs,
    /** The engine's books at a reconciliation (its working orders and holdings). */
    private readonly engineBooks: () => EngineBooks,
    private readonly opts: { account?: string; ignoreUnknown?: boolean; timeoutMs?: number } = {},
  ) {
    conn.on('connected', () => {
      this.attach(conn.session);
      void this.reconcileNow(conn.session);
    });
    conn.on('ib-error', (err) => this.onError(err.reqId, err.code, err.message));
    if (conn.state === 'connected') this.attach(conn.session);
    // The first reconciliation waits for `reconcile()`: the engine's books are restored first.
    this.reconciling = true;
  }

  /** Why entries must wait (a reconciliation running or finding what it cannot account for), or null. */
  get entriesBlocked(): string | null {
    if (this.conn.state !== 'connected') return 'not connected to IB Gateway';
    if (this.reconciling) return "reconciling IB's orders, positions and executions after a (re)connect";
    return this.unknown;
  }

  submit(cmd: Command): readonly BrokerEvent[] {
    switch (cmd.type) {
      case 'SubmitBracket':
        this.submitBracket(cmd);
        break;
      case 'Cancel': {
        const p = this.placed.get(cmd.orderId);
        if (p && !p.ended) this.send((api) => api.cancelOrder(p.ibId), `cancel ${cmd.orderId} (${cmd.reason})`);
        break;
      }
      case 'Flatten':
        this.flatten(cmd);
        break;
    }
    return this.drain();
  }

  /** Hands over IB's answers; an unfilled parent whose deadline passed by `barStart` is cancelled at IB (its children with it). */
  onBar(barStart: EpochMs): readonly BrokerEvent[] {
    for (const p of this.placed.values()) {
      if (p.cancelAt === undefined || p.ended || barStart < p.cancelAt) continue;
      p.cancelAt = undefined;
      this.send((api) => api.cancelOrder(p.ibId), `cancel ${p.order.orderId} (unfilled)`);
    }
    return this.drain();
  }

  /** IB settles an expiring option itself; the core books it at intrinsic value, no order is sent. */
  settleExpiry(exit: Order, underlyingClose: number, ts: EpochMs): readonly BrokerEvent[] {
    const i = exit.instrument;
    const intrinsic = i.kind === 'option' ? Math.max(0, i.contract.right === 'C' ? underlyingClose - i.contract.strike : i.contract.strike - underlyingClose) : NaN;
    this.log.warn('ib.expiry', `${describeOrder(exit)}: held into expiry; IB settles it, booked at intrinsic ${intrinsic}`, { order_id: exit.orderId });
    this.queue.push({ type: 'OrderAccepted', ts, orderId: exit.orderId }, { type: 'OrderFilled', ts, orderId: exit.orderId, quantity: exit.quantity, price: intrinsic, fees: 0 });
    return this.drain();
  }

  private submitBracket(cmd: SubmitBracket): void {
    const orders = [cmd.parent, cmd.takeProfit, cmd.stopLoss];
    const problem = orders.some((o) => this.placed.has(o.orderId)) ? 'already placed at IB (never placed twice)' : this.entriesBlocked;
    if (problem !== null) {
      for (const o of orders) this.queue.push({ type: 'OrderRejected', ts: cmd.ts, orderId: o.orderId, reason: `${o.orderId}: ${problem}` });
      return;
    }
    const parentId = this.nextId++;
    const oca = orderRefOf(this.runId, `${cmd.intentId}-OCO`);
    this.place(cmd.parent, parentId, { transmit: false });
    if (cmd.cancelParentAt !== null) this.placed.get(cmd.parent.orderId)!.cancelAt = cmd.cancelParentAt;
    this.place(cmd.takeProfit, this.nextId++, { transmit: false, parentId, ocaGroup: oca });
    this.place(cmd.stopLoss, this.nextId++, { transmit: true, parentId, ocaGroup: oca });
    this.log.info('ib.place', `placed ${describeOrder(cmd.parent)} with take-profit ${cmd.takeProfit.price} and stop ${cmd.stopLoss.price} as IB orders ${parentId}…${parentId + 2}`, {
      intent_id: cmd.intentId,
      ib_ids: [parentId, parentId + 1, parentId + 2],
    });
  }

  private flatten(cmd: Flatten): void {
    for (const p of this.placed.values()) {
      if (p.order.intentId === cmd.intentId && !p.ended && p.order.role !== 'entry') this.send((api) => api.cancelOrder(p.ibId), `cancel ${p.order.orderId} (flatten)`);
    }
    if (this.placed.has(cmd.order.orderId) || this.conn.state !== 'connected') {
      const why = this.placed.has(cmd.order.orderId) ? 'already placed at IB (never placed twice)' : 'not connected to IB Gateway';
      this.queue.push({ type: 'OrderRejected', ts: cmd.ts, orderId: cmd.order.orderId, reason: `${cmd.order.orderId}: ${why}` });
      return;
    }
    // In the bracket's OCA group: should a child fill before its cancel lands, IB cancels the exit (never a double sell).
    this.place(cmd.order, this.nextId++, { transmit: true, ocaGroup: orderRefOf(this.runId, `${cmd.intentId}-OCO`) });
  }

  private place(order: Order, ibId: number, how: { transmit: boolean; parentId?: number; ocaGroup?: string }): void {
    const p: Placed = { order, ibId, acknowledged: false, ended: false, filled: 0, notional: 0, fees: 0 };
    this.placed.set(order.orderId, p);
    this.byIbId.set(ibId, p);
    const ib: IbOrder = {
      action: order.side === 'BUY' ? OrderAction.BUY : OrderAction.SELL,
      totalQuantity: order.quantity,
      orderType: order.type === 'LMT' ? OrderType.LMT : order.type === 'STP' ? OrderType.STP : OrderType.MKT,
      lmtPrice: order.type === 'LMT' ? order.price : undefined,
      auxPrice: order.type === 'STP' ? order.price : undefined,
      tif: 'DAY',
      orderRef: orderRefOf(this.runId, order.orderId),
      transmit: how.transmit,
      parentId: how.parentId,
      ocaGroup: how.ocaGroup,
      ocaType: how.ocaGroup ? 1 : undefined,
      account: this.opts.account,
      outsideRth: false,
    };
    this.send((api) => api.placeOrder(ibId, contractOf(order.instrument), ib), `place ${order.orderId}`);
  }

  private send(fn: (api: IbSession['api']) => void, what: string): void {
    if (this.conn.state !== 'connected') return void this.log.warn('ib.not-sent', `${what}: not connected to IB Gateway`);
    this.conn.session.fire(fn);
  }

  /** Reconciles IB's books with the engine's now (after the engine was restored, before the session starts). */
  async reconcile(): Promise<Reconciliation | null> {
    return this.conn.state === 'connected' ? this.reconcileNow(this.conn.session) : null;
  }

  /** Follows a fresh session's order events. */
  private attach(session: IbSession): void {
    this.nextId = Math.max(this.nextId, session.info.nextOrderId);
    const api = session.api;
    api.on(EventName.orderStatus, (ibId: number, status: string) => this.onStatus(ibId, status));
    api.on(EventName.execDetails, (reqId: number, _c: Contract, e: Execution) => {
      const p = this.byIbId.get(e.orderId!);
      if (reqId === -1 && p) this.executions.set(e.execId!, { placed: p, shares: Number(e.shares), price: e.price! });
    });
    api.on(EventName.commissionReport, (r: CommissionReport) => {
      const e = this.executions.get(r.execId!);
      if (!e) return;
      this.executions.delete(r.execId!);
      this.execution(e.placed, e.shares, e.price, r.commission ?? 0);
    });
  }

  private onStatus(ibId: number, status: string): void {
    const p = this.byIbId.get(ibId);
    if (!p || p.ended) return;
    if ((status === 'PreSubmitted' || status === 'Submitted') && !p.acknowledged) {
      p.acknowledged = true;
      this.queue.push({ type: 'OrderAccepted', ts: this.now(), orderId: p.order.orderId });
    } else if (status === 'Cancelled' || status === 'ApiCancelled') {
      p.ended = true;
      this.queue.push({ type: 'OrderCancelled', ts: this.now(), orderId: p.order.orderId, reason: `IB: ${status}` });
    } else if (status === 'Inactive') {
      // Refused without an error on its id (IB sends the error first when there is one).
      p.ended = true;
      this.queue.push({ type: 'OrderRejected', ts: this.now(), orderId: p.order.orderId, reason: 'IB: Inactive' });
    }
  }

  private onError(ibId: number, code: number, message: string): void {
    const p = this.byIbId.get(ibId);
    if (!p || p.ended || !ORDER_REJECT_CODES.has(code)) return;
    p.ended = true;
    this.queue.push({ type: 'OrderRejected', ts: this.now(), orderId: p.order.orderId, reason: `IB ${code}: ${message}` });
  }

  /** One execution; the order's fill (average price, summed commissions) goes to the core once it is complete. */
  private execution(p: Placed, shares: number, price: number, fees: number): void {
    if (p.ended) return;
    p.filled += shares;
    p.notional += shares * price;
    p.fees += fees;
    if (p.filled < p.order.quantity) return;
    p.ended = true;
    p.cancelAt = undefined;
    this.queue.push({ type: 'OrderFilled', ts: this.now(), orderId: p.order.orderId, quantity: p.filled, price: p.notional / p.filled, fees: p.fees });
  }

  /** Loads IB's books, adopts the bot's working orders, applies missed fills, and blocks entries on anything unknown. */
  private async reconcileNow(session: IbSession): Promise<Reconciliation | null> {
    this.reconciling = true;
    try {
      const books = await loadBooks(session, this.opts.timeoutMs ?? 10_000);
      const engine = this.engineBooks();
      const known = (orderId: string): OrderKnowledge => {
        const p = this.placed.get(orderId);
        if (p) return p.ended ? 'ended' : 'working';
        return engine.workingOrders.has(orderId) ? 'working' : 'unknown';
      };
      const r = reconcile({ books, known, held: engine.held });
      this.dropUnacknowledged(new Set(books.openOrders.map((o) => o.ibId)), new Set(books.executions.map((e) => e.ibId)));
      const openQuantity = new Map(books.openOrders.map((o) => [o.ibId, o.quantity]));
      for (const { orderId, ibId } of r.adopt) this.adopt(orderId, ibId, engine, openQuantity.get(ibId));
      for (const { orderId, execution } of r.missedFills) {
        // An order no longer open at IB filled completely: its executions sum to its quantity.
        const whole = r.missedFills.filter((m) => m.orderId === orderId).reduce((n, m) => n + m.execution.shares, 0);
        const p = this.placed.get(orderId) ?? this.adopt(orderId, execution.ibId, engine, openQuantity.get(execution.ibId) ?? whole);
        if (p) this.execution(p, execution.shares, execution.price, Number.isFinite(execution.commission) ? execution.commission : 0);
        this.log.warn('ib.missed-fill', `${orderId} filled at IB while disconnected: ${execution.shares} @ ${execution.price}`, { order_id: orderId, ib_id: execution.ibId });
      }
      const problems = [...r.unknownOrders, ...r.unknownPositions];
      this.unknown = problems.length === 0 || this.opts.ignoreUnknown ? null : `entries blocked: IB holds what the bot cannot account for (${problems.join('; ')}); resolve it at IB, or set broker.unknown_holdings: ignore`;
      const fields = { adopted: r.adopt.length, missed_fills: r.missedFills.length, unknown_orders: r.unknownOrders, unknown_positions: r.unknownPositions };
      if (problems.length > 0) this.log.error('ib.reconcile', `reconciliation: ${problems.length} unknown order(s)/position(s): ${problems.join('; ')}${this.opts.ignoreUnknown ? ' (ignored by setting)' : ''}`, fields);
      else this.log.info('ib.reconcile', `reconciliation: ${r.adopt.length} working order(s) adopted, ${r.missedFills.length} missed fill(s) applied`, fields);
      return r;
    } catch (e) {
      this.unknown = `entries blocked: IB's books could not be reconciled (${(e as Error).message})`;
      this.log.error('ib.reconcile', this.unknown);
      return null;
    } finally {
      this.reconciling = false;
    }
  }

  /**
   * Orders sent but never acknowledged and absent from IB's books were cut off by the drop (a
   * bracket interrupted before its transmitting order): whatever IB may hold of them is cancelled
   * and the core is told they were rejected. They are never placed again.
   */
  private dropUnacknowledged(open: Set<number>, executed: Set<number>): void {
    for (const p of this.placed.values()) {
      if (p.acknowledged || p.ended || open.has(p.ibId) || executed.has(p.ibId)) continue;
      p.ended = true;
      this.send((api) => api.cancelOrder(p.ibId), `cancel ${p.order.orderId} (interrupted)`);
      this.queue.push({ type: 'OrderRejected', ts: this.now(), orderId: p.order.orderId, reason: `${p.order.orderId}: the connection dropped before IB acknowledged it; cancelled at IB, never placed again` });
    }
  }

  /** IB keeps its own books: nothing for the state file. */
  snapshot(): null {
    return null;
  }

  restore(): void {}

  /** Follows one of the core's orders found at IB (after a restart the broker has no record of it). */
  private adopt(orderId: string, ibId: number, engine: EngineBooks, quantity = Infinity): Placed | null {
    const existing = this.placed.get(orderId);
    if (existing) {
      existing.acknowledged = true;
      return existing;
    }
    if (!engine.workingOrders.has(orderId)) return null;
    const p: Placed = { order: { orderId, quantity } as Order, ibId, acknowledged: true, ended: false, filled: 0, notional: 0, fees: 0 };
    this.placed.set(orderId, p);
    this.byIbId.set(ibId, p);
    this.nextId = Math.max(this.nextId, ibId + 1);
    return p;
  }

  private drain(): readonly BrokerEvent[] {
    const out = this.queue;
    this.queue = [];
    return out;
  }
}

const contractOf = (i: Instrument): Contract => (i.kind === 'option' ? optionContract(i.contract) : stockContract(i.symbol));
