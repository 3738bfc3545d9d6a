import type { IBApi } from '@stoqey/ib';
import type { Settings } from '../../config/schema.js';
import { orderMode } from '../../config/order-mode.js';

/**
 * TWS API message ids that act on orders: PLACE_ORDER (3), CANCEL_ORDER (4), EXERCISE_OPTIONS
 * (21), REQ_GLOBAL_CANCEL (58). In dry-run none of them may reach the socket.
 */
export const ORDER_MESSAGE_IDS: ReadonlySet<number> = new Set([3, 4, 21, 58]);

/** The IBApi methods that encode those messages. */
const ORDER_METHODS = ['placeOrder', 'cancelOrder', 'exerciseOptions', 'reqGlobalCancel'] as const;

/** Thrown when anything tries to send an order message on a connection built for dry-run. */
export class DryRunViolation extends Error {
  constructor(what: string) {
    super(`dry-run: ${what} refused; order messages are never sent on a dry-run connection`);
    this.name = 'DryRunViolation';
  }
}

/**
 * Whether the IB venue may send order messages at all: only when the settings and the command
 * line agree on real orders (`dry_run: false` AND `--place-orders`) and the broker is not
 * read-only. Everything else builds a guarded connection.
 */
export function sendsOrders(settings: Settings, placeOrders: boolean): boolean {
  return orderMode(settings, placeOrders) === 'send' && !settings.broker.read_only;
}

/** The parts of @stoqey/ib's IBApi the guard reaches into: its controller's socket writer. */
interface ApiInternals {
  controller?: { socket?: { send(tokens: unknown[]): void } };
}

/**
 * Makes `api` unable to send order messages, at two levels: its order methods throw
 * `DryRunViolation` to the caller, and its socket writer drops any message whose id is an order
 * message (whoever encoded it) and reports it through `onBlocked`. The second level is what makes
 * the guarantee independent of the caller: it holds even for code that bypasses the methods.
 */
export function guardOrderMessages(api: IBApi, onBlocked: (what: string) => void): void {
  for (const name of ORDER_METHODS) {
    Object.defineProperty(api, name, {
      value: () => {
        throw new DryRunViolation(name);
      },
      writable: false,
      configurable: false,
    });
  }
  const socket = (api as unknown as ApiInternals).controller?.socket;
  if (!socket || typeof socket.send !== 'function') {
    // A library change moved the writer: refuse to run rather than run unguarded.
    throw new Error('dry-run guard: @stoqey/ib internals changed (controller.socket.send not found); update src/venues/ib/order-guard.ts');
  }
  const send = socket.send.bind(socket);
  socket.send = (tokens: unknown[]) => {
    const id = Number(firstToken(tokens));
    if (ORDER_MESSAGE_IDS.has(id)) return onBlocked(`message id ${id}`);
    send(tokens);
  };
}

/** The first scalar of a (possibly nested) token list: the message id. */
function firstToken(tokens: unknown): unknown {
  let t = tokens;
  while (Array.isArray(t)) t = t[0];
  return t;
}
