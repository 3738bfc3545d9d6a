/**
 * What can go wrong, scripted. A test sets these before or while the client talks to the
 * gateway (the object is read on every message); the imperative faults — connectivity lost,
 * hard reset, restart — are methods of FakeGateway.
 */
export interface GatewayFaults {
  /** Client ids another application holds: START_API with one of them gets 326, then the socket closes. */
  clientIdsInUse: number[];
  /** Quote keys ("SPY", or "*" for all) whose LIVE data needs a subscription: answered with this code. */
  needsSubscription: Record<string, 10089 | 10168>;
  /** Send the 10167 advisory ("displaying delayed market data") with delayed quotes. */
  delayedAdvisory: boolean;
  /** The next N historical requests are answered with 162 (pacing violation). */
  pacingViolations: number;
  /** Delay (ms) before the reply to a message, by client message name (e.g. REQ_HISTORICAL_DATA). */
  replyDelayMs: Record<string, number>;
  /** Client message names the gateway never answers. */
  unanswered: string[];
  /** Client message names answered with a malformed message (its last field missing): the client reports 505. */
  malformed: string[];
  /** Codes sent with id −1 right after the handshake: IB's "data farm connection is OK" notices. */
  connectNotices: number[];
  /** Close each connection as soon as the hello arrives: what a Gateway does to an untrusted IP. */
  closeOnHello: boolean;
  /** Never answer the hello: a Gateway waiting for someone to accept the incoming API connection. */
  silentHello: boolean;
  /** Stop sending anything at all (replies and bar updates) while sockets stay open: a dead link. */
  silent: boolean;
  /** PLACE_ORDER whose orderRef contains `match` ('*': any) is rejected with this code and text (e.g. 201). */
  rejectOrders: { match: string; code: number; text: string }[];
  /** After this many more PLACE_ORDER messages the Gateway drops every connection (0: never): a drop in the middle of a bracket. */
  dropAfterPlaceOrders: number;
}

export const defaultFaults = (): GatewayFaults => ({
  clientIdsInUse: [],
  needsSubscription: {},
  delayedAdvisory: true,
  pacingViolations: 0,
  replyDelayMs: {},
  unanswered: [],
  malformed: [],
  connectNotices: [2104, 2106, 2158],
  closeOnHello: false,
  silentHello: false,
  silent: false,
  rejectOrders: [],
  dropAfterPlaceOrders: 0,
});

/** IB's wording for the codes the gateway sends, so clients see realistic text. */
export const IB_MESSAGES: Record<number, string> = {
  162: 'Historical Market Data Service error message:API historical data query cancelled: pacing violation',
  200: 'No security definition has been found for the request',
  321: "Error validating request.-'bX' : cause - request not served by the fake gateway",
  326: 'Unable to connect as the client id is already in use. Retry with a unique client id.',
  1100: 'Connectivity between IB and Trader Workstation has been lost.',
  1101: 'Connectivity between IB and Trader Workstation has been restored - data lost.',
  1102: 'Connectivity between IB and Trader Workstation has been restored - data maintained.',
  2103: 'Market data farm connection is broken:usfarm',
  2104: 'Market data farm connection is OK:usfarm',
  2105: 'HMDS data farm connection is broken:ushmds',
  2106: 'HMDS data farm connection is OK:ushmds',
  2158: 'Sec-def data farm connection is OK:secdefnj',
  10089:
    "Requested market data requires additional subscription for API. See link in 'Market Data Connections' dialog for more details.Delayed market data is available.SPY ARCA/TOP/ALL",
  10167: 'Requested market data is not subscribed. Displaying delayed market data.',
  10168: 'Requested market data is not subscribed. Delayed market data is not enabled.',
};

export const ibMessage = (code: number): string => IB_MESSAGES[code] ?? `fake gateway error ${code}`;
