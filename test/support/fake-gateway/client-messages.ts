import type { Fields } from './framing.js';

/** Ids of the client → gateway messages the fake understands (TWS API OUT_MSG_ID). */
export const OUT = {
  REQ_MKT_DATA: 1,
  CANCEL_MKT_DATA: 2,
  PLACE_ORDER: 3,
  CANCEL_ORDER: 4,
  REQ_OPEN_ORDERS: 5,
  REQ_EXECUTIONS: 7,
  REQ_IDS: 8,
  REQ_CONTRACT_DATA: 9,
  REQ_ALL_OPEN_ORDERS: 16,
  REQ_MANAGED_ACCTS: 17,
  REQ_HISTORICAL_DATA: 20,
  EXERCISE_OPTIONS: 21,
  CANCEL_HISTORICAL_DATA: 25,
  REQ_CURRENT_TIME: 49,
  REQ_GLOBAL_CANCEL: 58,
  REQ_MARKET_DATA_TYPE: 59,
  REQ_POSITIONS: 61,
  REQ_ACCOUNT_SUMMARY: 62,
  CANCEL_ACCOUNT_SUMMARY: 63,
  CANCEL_POSITIONS: 64,
  START_API: 71,
  REQ_SEC_DEF_OPT_PARAMS: 78,
} as const;

/** The messages that act on orders: a dry-run session must never send one. */
export const ORDER_MESSAGES: readonly string[] = ['PLACE_ORDER', 'CANCEL_ORDER', 'EXERCISE_OPTIONS', 'REQ_GLOBAL_CANCEL'];

const NAMES: Record<number, string> = Object.fromEntries(Object.entries(OUT).map(([name, id]) => [id, name]));

/** The readable name of a client message id, e.g. 20 → "REQ_HISTORICAL_DATA". */
export const messageName = (id: number): string => NAMES[id] ?? `MSG_${id}`;

/** One message the gateway received, kept in its record so tests can assert what the client sent. */
export interface ReceivedMessage {
  /** Wall-clock receive time (ms): for rate assertions. */
  at: number;
  /** Connection number on this gateway, from 1. */
  session: number;
  /** The client id announced by START_API, null before it. */
  clientId: number | null;
  id: number;
  name: string;
  /** Every field after the message id, as sent. */
  fields: string[];
}

/** The contract as the client encodes it: conId, symbol, secType, lastTradeDate, strike, right, multiplier, exchange, primaryExch, currency, localSymbol, tradingClass. */
export interface WireContract {
  conId: number;
  symbol: string;
  secType: string;
  lastTradeDate: string;
  strike: number;
  right: string;
  multiplier: string;
  exchange: string;
  primaryExch: string;
  currency: string;
  localSymbol: string;
  tradingClass: string;
}

const CONTRACT_FIELDS = 12;

export function readContract(f: Fields, at: number): WireContract {
  if (f.length < at + CONTRACT_FIELDS) throw new Error(`message too short for a contract at field ${at}: ${JSON.stringify(f)}`);
  const s = (i: number) => f[at + i]!;
  return {
    conId: Number(s(0) || 0),
    symbol: s(1),
    secType: s(2),
    lastTradeDate: s(3),
    strike: Number(s(4) || 0),
    right: s(5),
    multiplier: s(6),
    exchange: s(7),
    primaryExch: s(8),
    currency: s(9),
    localSymbol: s(10),
    tradingClass: s(11),
  };
}

export interface HistoricalRequest {
  reqId: number;
  contract: WireContract;
  endDateTime: string;
  barSize: string;
  duration: string;
  useRth: boolean;
  whatToShow: string;
  formatDate: number;
  keepUpToDate: boolean;
}

/** REQ_HISTORICAL_DATA at server ≥ 124: reqId, contract, includeExpired, end, barSize, duration, useRTH, whatToShow, formatDate, keepUpToDate, chartOptions. */
export function parseHistoricalRequest(f: Fields): HistoricalRequest {
  const c = 2 + CONTRACT_FIELDS; // after id and reqId
  return {
    reqId: Number(f[1]),
    contract: readContract(f, 2),
    endDateTime: f[c + 1]!,
    barSize: f[c + 2]!,
    duration: f[c + 3]!,
    useRth: f[c + 4] === '1',
    whatToShow: f[c + 5]!,
    formatDate: Number(f[c + 6]),
    keepUpToDate: f[c + 7] === '1',
  };
}

export interface MarketDataRequest {
  reqId: number;
  contract: WireContract;
  genericTicks: string;
  snapshot: boolean;
}

/** REQ_MKT_DATA version 11: reqId, contract, deltaNeutral flag, generic ticks, snapshot, regulatory snapshot, options. */
export function parseMarketDataRequest(f: Fields): MarketDataRequest {
  const c = 3 + CONTRACT_FIELDS;
  if (f[c] !== '0') throw new Error('delta-neutral contracts are not served by the fake gateway');
  return { reqId: Number(f[2]), contract: readContract(f, 3), genericTicks: f[c + 1]!, snapshot: f[c + 2] === '1' };
}

/** REQ_CONTRACT_DATA version 8: reqId, contract, includeExpired, secIdType, secId, issuerId. */
export function parseContractDetailsRequest(f: Fields): { reqId: number; contract: WireContract } {
  return { reqId: Number(f[2]), contract: readContract(f, 3) };
}

export interface SecDefOptParamsRequest {
  reqId: number;
  symbol: string;
  futFopExchange: string;
  underSecType: string;
  underConId: number;
}

export function parseSecDefOptParamsRequest(f: Fields): SecDefOptParamsRequest {
  return { reqId: Number(f[1]), symbol: f[2]!, futFopExchange: f[3]!, underSecType: f[4]!, underConId: Number(f[5]) };
}

/** REQ_ACCOUNT_SUMMARY: reqId, group, comma-separated tags. */
export function parseAccountSummaryRequest(f: Fields): { reqId: number; group: string; tags: string[] } {
  return { reqId: Number(f[2]), group: f[3]!, tags: f[4]!.split(',').filter(Boolean) };
}

/** The request id of a message shaped `id, version, reqId` (cancels, snapshot ends). */
export const versionedReqId = (f: Fields): number => Number(f[2]);
