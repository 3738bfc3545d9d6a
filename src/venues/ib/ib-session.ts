import { EventName, type IBApi } from '@stoqey/ib';
import { ADVISORY_CODES, IbCode, IbRequestError } from './ib-errors.js';
import type { RateLimiter } from './rate-limiter.js';
import type { Timers } from './timers.js';

/** What the Gateway said about the connection when the API handshake finished. */
export interface IbSessionInfo {
  clientId: number;
  serverVersion: number;
  connectionTime: string;
  accounts: string[];
  nextOrderId: number;
}

// The handler signatures differ per event; the router only forwards arguments.
type Listener = (...args: any[]) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Handlers of one request by event name; `advisory` receives IB's non-fatal notes on its id (e.g. 10167). */
export type RequestHandlers = Partial<Record<EventName, Listener>> & { advisory?: (e: IbRequestError) => void };

interface Entry {
  handlers: RequestHandlers;
  onError(code: number, message: string): void;
}

/** Events whose first argument is the request id. */
const KEYED: EventName[] = [
  EventName.historicalData,
  EventName.historicalDataUpdate,
  EventName.tickPrice,
  EventName.tickSize,
  EventName.tickGeneric,
  EventName.tickString,
  EventName.tickSnapshotEnd,
  EventName.tickReqParams,
  EventName.marketDataType,
  EventName.contractDetails,
  EventName.contractDetailsEnd,
  EventName.securityDefinitionOptionParameter,
  EventName.securityDefinitionOptionParameterEnd,
  EventName.accountSummary,
  EventName.accountSummaryEnd,
];

/** Events without a request id: answered in request order. */
const UNKEYED: EventName[] = [EventName.currentTime, EventName.position, EventName.positionEnd];

export interface RequestSpec<T> {
  /** Short name for errors and logs, e.g. "historical SPY". */
  label: string;
  /** Sends the request (through the rate limiter) with its request id. */
  send(api: IBApi, reqId: number): void;
  /** The answer carries no request id (currentTime, positions): answers are matched in request order. */
  byOrder?: boolean;
  /** Event handlers; call `done` or `fail` to settle. */
  handlers(done: (value: T) => void, fail: (e: Error) => void, reqId: number): RequestHandlers;
  /** Sent when the request is abandoned on timeout (e.g. cancelMktData). */
  cancel?(api: IBApi, reqId: number): void;
  timeoutMs?: number;
}

export interface StreamHandle {
  reqId: number;
  close(): void;
}

/**
 * One live connection: an IBApi past nextValidId, with a router that hands each event to the
 * request it belongs to, request ids, timeouts and the shared rate limiter. When the
 * connection ends every open request fails with code 504.
 */
/**
 * IB reports the errors of requests and of orders in one id space, and order ids come from
 * nextValidId (small numbers on a fresh account): request ids start far above them so an order's
 * error can never be routed to a request.
 */
const FIRST_REQUEST_ID = 10_000_000;

export class IbSession {
  private readonly keyed = new Map<number, Entry>();
  private readonly byOrder = new Map<number, Entry>();
  private nextReqId = FIRST_REQUEST_ID;
  private nextOrderKey = 1;
  private ended = false;

  constructor(
    readonly api: IBApi,
    readonly info: IbSessionInfo,
    private readonly limiter: RateLimiter,
    private readonly timers: Timers,
    private readonly requestTimeoutMs: number,
  ) {
    // IBApi types `on` per event; the router subscribes generically.
    const emitter = api as unknown as NodeJS.EventEmitter;
    for (const event of KEYED) emitter.on(event, (reqId: number, ...rest: unknown[]) => this.keyed.get(reqId)?.handlers[event]?.(...rest));
    for (const event of UNKEYED) {
      emitter.on(event, (...args: unknown[]) => {
        for (const e of this.byOrder.values()) {
          const h = e.handlers[event];
          if (h) return h(...args);
        }
      });
    }
  }

  get isOpen(): boolean {
    return !this.ended;
  }

  /** Hands an IB error to the request that owns `reqId`; false when none does. */
  routeError(reqId: number, code: number, message: string): boolean {
    const entry = this.keyed.get(reqId);
    entry?.onError(code, message);
    return entry !== undefined;
  }

  /** Sends a request and settles with its answer, an IB error on its id, a timeout or the end of the connection. */
  request<T>(spec: RequestSpec<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.ended) return reject(new IbRequestError(spec.label, IbCode.notConnected, 'not connected', -1));
      const table = spec.byOrder ? this.byOrder : this.keyed;
      const reqId = spec.byOrder ? this.nextOrderKey++ : this.nextReqId++;
      let timer: unknown = null;
      const settle = () => {
        table.delete(reqId);
        if (timer !== null) this.timers.clearTimeout(timer);
      };
      const done = (v: T) => (settle(), resolve(v));
      const fail = (e: Error) => (settle(), reject(e));
      const handlers = spec.handlers(done, fail, reqId);
      table.set(reqId, {
        handlers,
        onError: (code, message) => {
          const err = new IbRequestError(spec.label, code, message, reqId);
          if (ADVISORY_CODES.has(code)) handlers.advisory?.(err);
          else fail(err);
        },
      });
      const timeoutMs = spec.timeoutMs ?? this.requestTimeoutMs;
      this.limiter.run(() => {
        if (this.ended || !table.has(reqId)) return;
        spec.send(this.api, reqId);
        // The clock starts when the request leaves, not while it waits for the rate limiter.
        timer = this.timers.setTimeout(() => {
          if (spec.cancel && !this.ended) this.fire((api) => spec.cancel!(api, reqId));
          fail(new IbRequestError(spec.label, 0, `no answer within ${timeoutMs} ms`, reqId));
        }, timeoutMs);
      });
    });
  }

  /** Opens a streaming request (no timeout); `close` cancels it. IB errors on its id go to `onError`. */
  stream(
    label: string,
    send: (api: IBApi, reqId: number) => void,
    cancel: (api: IBApi, reqId: number) => void,
    handlers: RequestHandlers,
    onError: (e: IbRequestError) => void,
  ): StreamHandle {
    const reqId = this.nextReqId++;
    this.keyed.set(reqId, { handlers, onError: (code, message) => onError(new IbRequestError(label, code, message, reqId)) });
    this.fire((api) => {
      if (this.keyed.has(reqId)) send(api, reqId);
    });
    return {
      reqId,
      close: () => {
        if (this.keyed.delete(reqId)) this.fire((api) => cancel(api, reqId));
      },
    };
  }

  /** Sends a message that expects no answer (e.g. reqMarketDataType), rate-limited; dropped once the session ended. */
  fire(send: (api: IBApi) => void): void {
    this.limiter.run(() => {
      if (!this.ended) send(this.api);
    });
  }

  /** Ends the session: every open request fails with 504 (not connected). Idempotent. */
  end(reason: string): void {
    if (this.ended) return;
    this.ended = true;
    const open = [...this.keyed.values(), ...this.byOrder.values()];
    this.keyed.clear();
    this.byOrder.clear();
    for (const e of open) e.onError(IbCode.notConnected, `connection ended: ${reason}`);
    this.api.removeAllListeners();
    this.api.disconnect();
  }
}
