/** IB message codes the venue acts on. */
export const IbCode = {
  pacingViolation: 162,
  noSecurityDefinition: 200,
  clientIdInUse: 326,
  /** @stoqey/ib: socket error (refused, reset, unreachable). */
  connectFail: 502,
  notConnected: 504,
  /** @stoqey/ib: a message it could not decode. */
  decodeError: 505,
  connectivityLost: 1100,
  restoredDataLost: 1101,
  restoredDataMaintained: 1102,
  /** TWS ↔ IB server link broken (TWS variant of 1100). */
  serverLinkBroken: 2110,
  needsSubscription: 10089,
  delayedDisplayed: 10167,
  notSubscribedNoDelayed: 10168,
} as const;

/** Data-farm notices: logged, never a disconnect. Broken ones are warnings. */
export const FARM_BROKEN = new Set([2103, 2105, 2157]);
export const FARM_OK = new Set([2104, 2106, 2107, 2108, 2158, 2119]);

/** Codes that mean live market data needs a subscription the account does not have. */
export const SUBSCRIPTION_CODES = new Set<number>([IbCode.needsSubscription, IbCode.notSubscribedNoDelayed, 354]);

/** Advisory codes sent on a request id that do not fail the request. */
export const ADVISORY_CODES = new Set<number>([IbCode.delayedDisplayed, 2176, 10197]);

/** A request IB answered with an error, or that got no answer in time. */
export class IbRequestError extends Error {
  constructor(
    readonly request: string,
    readonly code: number,
    message: string,
    readonly reqId: number,
  ) {
    super(`${request}: IB ${code} ${message}`);
    this.name = 'IbRequestError';
  }

  /** 162 is both "pacing violation" and "query returned no data": only the first is pacing. */
  get isPacing(): boolean {
    return this.code === IbCode.pacingViolation && /pacing/i.test(this.message);
  }
}

/** Why a connection attempt failed: each kind has its own diagnosis in `optbot gateway check`. */
export type ConnectFailure =
  /** Nothing listens on host:port (ECONNREFUSED). */
  | 'refused'
  /** No route to the host or name not found. */
  | 'unreachable'
  /** TCP connected but the API handshake got no answer in time. */
  | 'timeout'
  /** The Gateway closed the socket during the handshake: typically an IP it does not trust. */
  | 'closed'
  /** Every configured client id is taken (326). */
  | 'client-id-in-use'
  /** The Gateway's API version is not one the client supports. */
  | 'version';

export class IbConnectError extends Error {
  constructor(
    readonly kind: ConnectFailure,
    message: string,
  ) {
    super(message);
    this.name = 'IbConnectError';
  }
}

/** Classifies @stoqey/ib's socket error text (Node's error codes). */
export function socketFailure(message: string): ConnectFailure {
  if (/ECONNREFUSED/.test(message)) return 'refused';
  if (/ETIMEDOUT/.test(message)) return 'timeout';
  if (/EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|EADDRNOTAVAIL/.test(message)) return 'unreachable';
  return 'closed';
}
