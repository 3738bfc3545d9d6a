import { EventName, type CommissionReport, type Contract, type Execution, type Order as IbOrder, type OrderState } from '@stoqey/ib';
import type { IbSession } from './ib-session.js';
import { IbRequestError } from './ib-errors.js';
import { tradingDate } from './ib-contracts.js';
import { orderIdOfRef } from './dry-run-broker.js';

/** A working order at IB (any client). */
export interface IbOpenOrder {
  ibId: number;
  orderRef: string;
  status: string;
  key: string;
  action: string;
  quantity: number;
}

/** An execution of today, with IB's commission (NaN until reported). */
export interface IbExecution {
  execId: string;
  ibId: number;
  key: string;
  /** +shares bought, −shares sold. */
  signed: number;
  orderRef: string;
  shares: number;
  price: number;
  commission: number;
}

/** IB's books as a reconnect finds them. */
export interface IbBooks {
  openOrders: IbOpenOrder[];
  executions: IbExecution[];
  /** Net position by instrument key ("SPY 2024-04-05 520C", or the symbol for stock). */
  positions: Map<string, number>;
}

/** The key of an IB contract in the journal's terms (`instrumentKey`). */
export const contractKey = (c: Contract): string =>
  c.secType === 'OPT' ? `${c.symbol} ${tradingDate(c.lastTradeDateOrContractMonth ?? '')} ${c.strike}${c.right === 'P' || c.right === ('PUT' as never) ? 'P' : 'C'}` : (c.symbol ?? '?');

/** Waits for a reply sequence on the raw client: `on` registers listeners and says when it is complete. */
function collect<T>(session: IbSession, label: string, timeoutMs: number, send: () => void, on: (done: (v: T) => void) => Record<string, (...a: never[]) => void>): Promise<T> {
  const api = session.api as unknown as NodeJS.EventEmitter;
  return new Promise<T>((resolve, reject) => {
    let handlers: Record<string, (...a: never[]) => void> = {};
    const off = () => {
      clearTimeout(timer);
      for (const [e, h] of Object.entries(handlers)) api.off(e, h as never);
    };
    const timer = setTimeout(() => (off(), reject(new IbRequestError(label, 0, `no answer within ${timeoutMs} ms`, -1))), timeoutMs);
    handlers = on((v) => (off(), resolve(v)));
    for (const [e, h] of Object.entries(handlers)) api.on(e, h as never);
    session.fire(send);
  });
}

/** Open orders of all clients (reqAllOpenOrders), today's executions with commissions (reqExecutions) and positions (reqPositions). */
export async function loadBooks(session: IbSession, timeoutMs: number): Promise<IbBooks> {
  const openOrders = await collect<IbOpenOrder[]>(session, 'open orders', timeoutMs, () => session.api.reqAllOpenOrders(), (done) => {
    const out = new Map<number, IbOpenOrder>();
    return {
      [EventName.openOrder]: ((ibId: number, contract: Contract, order: IbOrder, state: OrderState) =>
        out.set(ibId, { ibId, orderRef: order.orderRef ?? '', status: String(state.status), key: contractKey(contract), action: String(order.action), quantity: Number(order.totalQuantity) })) as never,
      [EventName.openOrderEnd]: (() => done([...out.values()])) as never,
    };
  });
  const reqId = 900_000 + (Date.now() % 90_000);
  const executions = await collect<IbExecution[]>(session, 'executions', timeoutMs, () => session.api.reqExecutions(reqId, {}), (done) => {
    const out = new Map<string, IbExecution>();
    const fees = new Map<string, number>();
    return {
      [EventName.execDetails]: ((id: number, c: Contract, e: Execution) => {
        if (id !== reqId) return;
        const shares = Number(e.shares);
        out.set(e.execId!, { execId: e.execId!, ibId: e.orderId!, key: contractKey(c), signed: e.side === 'SLD' ? -shares : shares, orderRef: e.orderRef ?? '', shares: Number(e.shares), price: e.price!, commission: fees.get(e.execId!) ?? NaN });
      }) as never,
      [EventName.commissionReport]: ((r: CommissionReport) => {
        fees.set(r.execId!, r.commission!);
        const e = out.get(r.execId!);
        if (e) e.commission = r.commission!;
      }) as never,
      [EventName.execDetailsEnd]: ((id: number) => {
        // Commission reports follow their executions: give the last one a moment.
        if (id === reqId) setTimeout(() => done([...out.values()].map((e) => ({ ...e, commission: fees.get(e.execId) ?? e.commission }))), 50);
      }) as never,
    };
  });
  const positions = await collect<Map<string, number>>(session, 'positions', timeoutMs, () => session.api.reqPositions(), (done) => {
    const out = new Map<string, number>();
    return {
      [EventName.position]: ((_a: string, c: Contract, pos: number) => {
        if (pos !== 0) out.set(contractKey(c), (out.get(contractKey(c)) ?? 0) + pos);
      }) as never,
      [EventName.positionEnd]: (() => {
        session.fire((api) => api.cancelPositions());
        done(out);
      }) as never,
    };
  });
  return { openOrders, executions, positions };
}

/** What the bot's own records say about an order id of the core. */
export type OrderKnowledge = 'working' | 'ended' | 'unknown';

export interface ReconcileInput {
  books: IbBooks;
  /** The core's view of one of its order ids (the engine's working orders, this run's placements). */
  known: (orderId: string) => OrderKnowledge;
  /** Units the engine holds, by instrument key. */
  held: Map<string, number>;
}

export interface Reconciliation {
  /** The bot's orders still working at IB: their IB ids, to follow them again. */
  adopt: { orderId: string; ibId: number }[];
  /** Executions of orders the core still thinks are working: fills missed while disconnected. */
  missedFills: { orderId: string; execution: IbExecution }[];
  /** Orders at IB the bot cannot account for. */
  unknownOrders: string[];
  /** Positions at IB that differ from what the bot holds (after the missed fills). */
  unknownPositions: string[];
}

/**
 * Matches IB's books to the bot's records by orderRef: its working orders are adopted, fills it
 * missed are handed over, and anything else — another application's orders, a position the bot
 * did not open, a quantity that differs — is listed so entries can be blocked until resolved.
 */
export function reconcile({ books, known, held }: ReconcileInput): Reconciliation {
  const out: Reconciliation = { adopt: [], missedFills: [], unknownOrders: [], unknownPositions: [] };
  const expected = new Map(held);
  for (const e of books.executions) {
    const orderId = orderIdOfRef(e.orderRef);
    if (orderId === null || known(orderId) !== 'working') continue;
    out.missedFills.push({ orderId, execution: e });
    expected.set(e.key, (expected.get(e.key) ?? 0) + e.signed);
  }
  for (const o of books.openOrders) {
    const orderId = orderIdOfRef(o.orderRef);
    if (orderId !== null && known(orderId) === 'working') out.adopt.push({ orderId, ibId: o.ibId });
    else out.unknownOrders.push(`order ${o.ibId} ${o.action} ${o.quantity} ${o.key} (${o.status}, orderRef "${o.orderRef}")`);
  }
  for (const key of new Set([...books.positions.keys(), ...expected.keys()])) {
    const at = books.positions.get(key) ?? 0;
    const mine = expected.get(key) ?? 0;
    if (at !== mine) out.unknownPositions.push(`${key}: IB holds ${at}, the bot ${mine}`);
  }
  return out;
}
