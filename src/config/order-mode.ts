import type { Settings } from './schema.js';
import { LIVE_PORTS, PAPER_PORTS } from './sections/broker.js';

/** What the live command may do with orders. Only `send` lets an order message reach IB. */
export type OrderMode = 'dry-run' | 'send';

export type AccountKind = 'paper' | 'live' | 'unknown';

/** Paper or live, from the account id when known (IB paper accounts start with "DU"), else from the port. */
export function accountKind(port: number, accountId?: string): AccountKind {
  if (accountId) return accountId.startsWith('DU') ? 'paper' : 'live';
  if (LIVE_PORTS.includes(port)) return 'live';
  if (PAPER_PORTS.includes(port)) return 'paper';
  return 'unknown';
}

/**
 * The safety rule of the settings layer: real orders need `dry_run: false` in the config AND
 * `--place-orders` on the command line. Returns the problem, or null when the pair is coherent.
 */
export function orderPlacementProblem(settings: Settings, placeOrders: boolean): string | null {
  if (settings.dry_run || placeOrders) return null;
  const kind = accountKind(settings.broker.port);
  const target = kind === 'unknown' ? `port ${settings.broker.port}` : `a ${kind.toUpperCase()} account (port ${settings.broker.port})`;
  return `false would send real orders to ${target}; that is honoured only with \`optbot live --place-orders\` (or set dry_run: true)`;
}

export function orderMode(settings: Settings, placeOrders: boolean): OrderMode {
  return !settings.dry_run && placeOrders ? 'send' : 'dry-run';
}

/** One line saying where the bot connects and what it will do with orders, printed before any start. */
export function describeTarget(settings: Settings, placeOrders: boolean, accountId?: string): string {
  const { host, port, client_id } = settings.broker;
  const kind = accountKind(port, accountId);
  const account = accountId ? ` account ${accountId}` : '';
  const orders =
    orderMode(settings, placeOrders) === 'send'
      ? `REAL ORDERS to a ${kind.toUpperCase()} account`
      : settings.broker.read_only
        ? 'read-only (no orders)'
        : 'dry-run (orders are logged, never sent)';
  return `IB ${host}:${port} (${kind})${account}, client id ${client_id}; ${orders}`;
}
