import type { Fields } from './framing.js';
import { readContract, type WireContract } from './client-messages.js';
import * as msg from './server-messages.js';
import type { ExecutionRecord, OrderRecord } from './server-messages.js';

type Reply = ReturnType<typeof msg.orderStatus>;

/** Statuses after which an order no longer works. */
const FINAL = new Set(['Filled', 'Cancelled', 'Inactive']);

/** PLACE_ORDER at server 193 (ORDER_CONTAINER: no version): id, contract (with secIdType, secId), then the main order fields. */
export function parsePlaceOrder(f: Fields, clientId: number, permId: number): OrderRecord {
  const s = (i: number) => f[1 + i] ?? '';
  const num = (i: number) => (s(i) === '' ? undefined : Number(s(i)));
  const contract = readContract(f, 2);
  return {
    orderId: Number(s(0)),
    clientId,
    permId,
    contract,
    action: s(15),
    quantity: Number(s(16)),
    orderType: s(17),
    lmtPrice: num(18),
    auxPrice: num(19),
    tif: s(20),
    ocaGroup: s(21),
    account: s(22),
    orderRef: s(25),
    transmit: s(26) === '1',
    parentId: Number(s(27) || 0),
    status: 'ApiPending',
    filled: 0,
    avgFillPrice: 0,
  };
}

/**
 * IB's order books as the fake gateway keeps them: shared by every connection and surviving
 * reconnects (orders live at IB, not in the client). Orders wait untransmitted until an order
 * of their bracket is sent with transmit=1; then the parent works and its children wait for its
 * fill. `fill` plays an execution: status, execution and commission go to the placing client
 * when it is connected, and are kept for REQ_EXECUTIONS either way.
 */
export class FakeOrderBook {
  readonly orders = new Map<number, OrderRecord>();
  readonly executions: ExecutionRecord[] = [];
  private permIds = 900_000;
  private execIds = 0;

  constructor(
    /** Sends replies to the connections of a client id (none when it is disconnected). */
    private readonly toClient: (clientId: number, replies: Reply[]) => void,
    /** The gateway's clock, for execution times. */
    private readonly now: () => number,
  ) {}

  /** The largest order id ever placed (IB's nextValidId is above it). */
  get maxOrderId(): number {
    return Math.max(0, ...this.orders.keys());
  }

  place(f: Fields, clientId: number, reject: { code: number; text: string } | null): Reply[] {
    const o = parsePlaceOrder(f, clientId, ++this.permIds);
    if (reject) {
      o.status = 'Inactive';
      this.orders.set(o.orderId, o);
      return [msg.errorMessage(o.orderId, reject.code, reject.text), msg.orderStatus(o)];
    }
    this.orders.set(o.orderId, o);
    if (!o.transmit) return [];
    // Transmitting one order of a bracket transmits the whole bracket.
    const root = o.parentId ? this.orders.get(o.parentId) : o;
    const bracket = [...this.orders.values()].filter((x) => x === root || (root && x.parentId === root.orderId));
    const out: Reply[] = [];
    for (const x of bracket) {
      x.transmit = true;
      if (x.status !== 'ApiPending') continue;
      x.status = x.parentId && this.orders.get(x.parentId)?.status !== 'Filled' ? 'PreSubmitted' : 'Submitted';
      out.push(msg.openOrder(x), msg.orderStatus(x));
    }
    return out;
  }

  cancel(f: Fields): Reply[] {
    const id = Number(f[1]);
    const o = this.orders.get(id);
    if (!o || FINAL.has(o.status)) return [msg.errorMessage(id, 10148, `OrderId ${id} that needs to be cancelled cannot be cancelled, state: ${o?.status ?? 'unknown'}.`)];
    return this.end(o, 'Cancelled');
  }

  /** OPEN_ORDER and ORDER_STATUS of every working order (all clients), then OPEN_ORDER_END. */
  openOrders(): Reply[] {
    const working = [...this.orders.values()].filter((o) => o.transmit && !FINAL.has(o.status));
    return [...working.flatMap((o) => [msg.openOrder(o), msg.orderStatus(o)]), msg.openOrderEnd()];
  }

  /** Today's executions with their commissions, then EXECUTION_DATA_END. */
  executionReport(reqId: number): Reply[] {
    return [...this.executions.flatMap((e) => [msg.execDetails(reqId, e), msg.commissionReport(e)]), msg.execDetailsEnd(reqId)];
  }

  /** Net positions the executions left, by contract. */
  positions(): { contract: WireContract; position: number; avgCost: number }[] {
    const by = new Map<number, { contract: WireContract; position: number; avgCost: number }>();
    for (const e of this.executions) {
      const c = e.order.contract;
      const p = by.get(c.conId) ?? { contract: c, position: 0, avgCost: e.price * Number(c.multiplier || 1) };
      p.position += e.order.action === 'BUY' ? e.shares : -e.shares;
      by.set(c.conId, p);
    }
    return [...by.values()].filter((p) => p.position !== 0);
  }

  /**
   * Fills `shares` (default: all that remain) of a working order at `price`, with `commission` a
   * unit. Once it is complete its OCA siblings are cancelled and a parent's children start working.
   */
  fill(orderId: number, price: number, commission = 0.65, shares?: number): void {
    const o = this.orders.get(orderId);
    if (!o || !o.transmit || FINAL.has(o.status)) throw new Error(`fake gateway: order ${orderId} is not working (${o?.status ?? 'unknown'})`);
    const qty = shares ?? o.quantity - o.filled;
    o.avgFillPrice = (o.avgFillPrice * o.filled + price * qty) / (o.filled + qty);
    o.filled += qty;
    const e: ExecutionRecord = { execId: `0000e${++this.execIds}.01.01`, order: o, time: ibTime(this.now()), shares: qty, price, commission: commission * qty };
    this.executions.push(e);
    if (o.filled < o.quantity) return this.toClient(o.clientId, [msg.orderStatus(o, price), msg.execDetails(-1, e), msg.commissionReport(e)]);
    o.status = 'Filled';
    const out: Reply[] = [msg.orderStatus(o, price), msg.execDetails(-1, e), msg.commissionReport(e)];
    for (const x of this.orders.values()) {
      if (x === o || FINAL.has(x.status)) continue;
      if (x.parentId === o.orderId) {
        x.status = 'Submitted';
        out.push(msg.orderStatus(x));
      } else if (o.ocaGroup && x.ocaGroup === o.ocaGroup) {
        out.push(...this.end(x, 'Cancelled'));
      }
    }
    this.toClient(o.clientId, out);
  }

  private end(o: OrderRecord, status: string): Reply[] {
    o.status = status;
    const out = [msg.orderStatus(o)];
    // A parent that ends unfilled takes its children with it.
    for (const x of this.orders.values()) if (x.parentId === o.orderId && !FINAL.has(x.status)) out.push(...this.end(x, status));
    return out;
  }
}

/** "20240701 14:35:00" in UTC, as an execution time. */
const ibTime = (t: number): string => new Date(t).toISOString().replace(/-/g, '').replace('T', ' ').slice(0, 17);
