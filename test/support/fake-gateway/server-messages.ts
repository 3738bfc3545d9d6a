import type { WireContract } from './client-messages.js';
import type { FieldValue } from './framing.js';

/**
 * Messages the gateway sends, field by field, as a Gateway at server version 193 writes them.
 * `@stoqey/ib`'s decoder (dist/core/io/decoder.js) is the oracle: one field too many or too
 * few shows up on the client as error 505.
 */
export const IN = {
  TICK_PRICE: 1,
  TICK_SIZE: 2,
  ERR_MSG: 4,
  NEXT_VALID_ID: 9,
  CONTRACT_DATA: 10,
  MANAGED_ACCTS: 15,
  HISTORICAL_DATA: 17,
  CURRENT_TIME: 49,
  CONTRACT_DATA_END: 52,
  TICK_SNAPSHOT_END: 57,
  MARKET_DATA_TYPE: 58,
  POSITION: 61,
  POSITION_END: 62,
  ACCOUNT_SUMMARY: 63,
  ACCOUNT_SUMMARY_END: 64,
  SECURITY_DEFINITION_OPTION_PARAMETER: 75,
  SECURITY_DEFINITION_OPTION_PARAMETER_END: 76,
  TICK_REQ_PARAMS: 81,
  HISTORICAL_DATA_UPDATE: 90,
} as const;

/** No request id: the message concerns the connection (IB's -1). */
export const NO_REQ_ID = -1;

/** The handshake answer: server version and connection time, without a message id. */
export const serverHello = (version: number, connectionTime: string): FieldValue[] => [version, connectionTime];

export const managedAccounts = (accounts: readonly string[]): FieldValue[] => [IN.MANAGED_ACCTS, 1, accounts.join(',')];

export const nextValidId = (orderId: number): FieldValue[] => [IN.NEXT_VALID_ID, 1, orderId];

/** ERR_MSG; id −1 reaches the client as an `info` event, any other id as an `error`. */
export const errorMessage = (id: number, code: number, text: string): FieldValue[] => [IN.ERR_MSG, 2, id, code, text, ''];

export const currentTime = (epochSeconds: number): FieldValue[] => [IN.CURRENT_TIME, 1, epochSeconds];

/** One historical bar as IB sends it: `date` is the bar's start (epoch seconds or "yyyyMMdd HH:mm:ss TZ"). */
export interface WireBar {
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  wap: number;
  count: number;
}

export const historicalData = (reqId: number, start: string, end: string, bars: readonly WireBar[]): FieldValue[] => [
  IN.HISTORICAL_DATA,
  reqId,
  start,
  end,
  bars.length,
  ...bars.flatMap((b) => [b.date, b.open, b.high, b.low, b.close, b.volume, b.wap, b.count]),
];

/** A keepUpToDate update of the forming bar. Note IB's order: open, close, high, low, WAP, volume. */
export const historicalDataUpdate = (reqId: number, b: WireBar): FieldValue[] => [
  IN.HISTORICAL_DATA_UPDATE,
  reqId,
  b.count,
  b.date,
  b.open,
  b.close,
  b.high,
  b.low,
  b.wap,
  b.volume,
];

export const marketDataType = (reqId: number, type: number): FieldValue[] => [IN.MARKET_DATA_TYPE, 1, reqId, type];

export const tickReqParams = (reqId: number, minTick: number, bboExchange: string, snapshotPermissions: number): FieldValue[] => [
  IN.TICK_REQ_PARAMS,
  reqId,
  minTick,
  bboExchange,
  snapshotPermissions,
];

/** TICK_PRICE version 6: price with its size and the attribute mask. */
export const tickPrice = (reqId: number, tickType: number, price: number, size: number): FieldValue[] => [
  IN.TICK_PRICE,
  6,
  reqId,
  tickType,
  price,
  size,
  0,
];

export const tickSize = (reqId: number, tickType: number, size: number): FieldValue[] => [IN.TICK_SIZE, 6, reqId, tickType, size];

export const tickSnapshotEnd = (reqId: number): FieldValue[] => [IN.TICK_SNAPSHOT_END, 1, reqId];

/** What the gateway knows of one contract: the wire fields plus what contract details add. */
export interface ContractRecord extends WireContract {
  secType: 'STK' | 'OPT' | 'IND';
  /** Options: last trading day "YYYYMMDD"; empty otherwise. */
  lastTradeDate: string;
  right: '' | 'C' | 'P';
  longName: string;
  minTick: number;
  underConId: number;
}

/** CONTRACT_DATA at server version ≥ 186 (no version field, lastTradeDate, size rules, ineligibility reasons). */
export const contractData = (reqId: number, c: ContractRecord): FieldValue[] => [
  IN.CONTRACT_DATA,
  reqId,
  c.symbol,
  c.secType,
  c.lastTradeDate,
  c.lastTradeDate, // lastTradeDate (server ≥ 182)
  c.strike,
  c.right,
  c.exchange,
  c.currency,
  c.localSymbol,
  c.tradingClass, // marketName
  c.tradingClass,
  c.conId,
  c.minTick,
  c.multiplier,
  'ACTIVETIM,AD,ADJUST,ALERT,ALGO,ALLOC,LMT,MKT,STP', // orderTypes
  'SMART,AMEX,ARCA,BATS,BEX,CBOE,NYSE', // validExchanges
  1, // priceMagnifier
  c.underConId,
  c.longName,
  c.primaryExch,
  c.lastTradeDate.slice(0, 6), // contractMonth
  '', // industry
  '', // category
  '', // subcategory
  'US/Eastern', // timeZoneId
  '', // tradingHours
  '', // liquidHours
  '', // evRule
  '', // evMultiplier
  0, // secIdList count
  1, // aggGroup
  c.secType === 'OPT' ? c.symbol : '', // underSymbol
  c.secType === 'OPT' ? 'STK' : '', // underSecType
  '26', // marketRuleIds
  c.lastTradeDate, // realExpirationDate
  c.secType === 'STK' ? 'ETF' : '', // stockType
  1, // minSize
  1, // sizeIncrement
  1, // suggestedSizeIncrement
  0, // ineligibility reasons count
];

export const contractDataEnd = (reqId: number): FieldValue[] => [IN.CONTRACT_DATA_END, 1, reqId];

export interface OptionParamsRecord {
  exchange: string;
  tradingClass: string;
  multiplier: string;
  /** "YYYYMMDD" */
  expirations: readonly string[];
  strikes: readonly number[];
}

export const secDefOptParams = (reqId: number, underConId: number, p: OptionParamsRecord): FieldValue[] => [
  IN.SECURITY_DEFINITION_OPTION_PARAMETER,
  reqId,
  p.exchange,
  underConId,
  p.tradingClass,
  p.multiplier,
  p.expirations.length,
  ...p.expirations,
  p.strikes.length,
  ...p.strikes,
];

export const secDefOptParamsEnd = (reqId: number): FieldValue[] => [IN.SECURITY_DEFINITION_OPTION_PARAMETER_END, reqId];

export const accountSummary = (reqId: number, account: string, tag: string, value: string, currency: string): FieldValue[] => [
  IN.ACCOUNT_SUMMARY,
  1,
  reqId,
  account,
  tag,
  value,
  currency,
];

export const accountSummaryEnd = (reqId: number): FieldValue[] => [IN.ACCOUNT_SUMMARY_END, 1, reqId];

/** POSITION version 3: the contract without primaryExch (C11), then position and average cost. */
export const position = (account: string, c: ContractRecord, pos: number, avgCost: number): FieldValue[] => [
  IN.POSITION,
  3,
  account,
  c.conId,
  c.symbol,
  c.secType,
  c.lastTradeDate,
  c.strike,
  c.right,
  c.multiplier,
  c.exchange,
  c.currency,
  c.localSymbol,
  c.tradingClass,
  pos,
  avgCost,
];

export const positionEnd = (): FieldValue[] => [IN.POSITION_END, 1];

/** An order in the gateway's books, as the order messages describe it. */
export interface OrderRecord {
  orderId: number;
  clientId: number;
  permId: number;
  contract: WireContract;
  action: string;
  quantity: number;
  orderType: string;
  lmtPrice: number | undefined;
  auxPrice: number | undefined;
  tif: string;
  ocaGroup: string;
  account: string;
  orderRef: string;
  transmit: boolean;
  parentId: number;
  status: string;
  filled: number;
  avgFillPrice: number;
}

/** ORDER_STATUS at server ≥ MARKET_CAP_PRICE (no version field). */
export const orderStatus = (o: OrderRecord, lastFillPrice = 0): FieldValue[] => [
  IN_ORDERS.ORDER_STATUS,
  o.orderId,
  o.status,
  o.filled,
  o.quantity - o.filled,
  o.avgFillPrice,
  o.permId,
  o.parentId,
  lastFillPrice,
  o.clientId,
  '',
  0,
];

/**
 * OPEN_ORDER at server version 193 (version = server version): every field the decoder reads,
 * in its order (dist/core/io/decoder.js decodeMsg_OPEN_ORDER and OrderDecoder), defaults empty.
 */
export const openOrder = (o: OrderRecord): FieldValue[] => {
  const c = o.contract;
  const none = (n: number) => Array<FieldValue>(n).fill('');
  return [
    IN_ORDERS.OPEN_ORDER,
    o.orderId,
    c.conId, c.symbol, c.secType, c.lastTradeDate, c.strike, c.right, c.multiplier, c.exchange, c.currency, c.localSymbol, c.tradingClass,
    o.action, o.quantity, o.orderType, o.lmtPrice, o.auxPrice, o.tif, o.ocaGroup, o.account, '', 0, o.orderRef, o.clientId, o.permId,
    0, 0, 0, '', // outsideRth, hidden, discretionaryAmt, goodAfterTime
    '', // sharesAllocation
    ...none(3), // faGroup, faMethod, faPercentage
    '', '', '', '', '', // modelCode, goodTillDate, rule80A, percentOffset, settlingFirm
    0, '', 0, // shortSaleSlot, designatedLocation, exemptCode
    0, // auctionStrategy
    ...none(3), // startingPrice, stockRefPrice, delta
    ...none(2), // stockRangeLower, stockRangeUpper
    '', // displaySize
    0, 0, 0, '', 3, 0, 0, '', // blockOrder, sweepToFill, allOrNone, minQty, ocaType, eTradeOnly, firmQuoteOnly, nbboPriceCap
    o.parentId, 0, // parentId, triggerMethod
    '', 0, '', '', 0, 0, // volatility, volatilityType, deltaNeutralOrderType, deltaNeutralAuxPrice, continuousUpdate, referencePriceType
    '', '', // trailStopPrice, trailingPercent
    '', '', // basisPoints, basisPointsType
    '', 0, 0, // comboLegsDescription, comboLegs count, orderComboLegs count
    0, // smartComboRoutingParams count
    '', '', '', // scaleInitLevelSize, scaleSubsLevelSize, scalePriceIncrement
    '', // hedgeType
    0, // optOutSmartRouting
    '', '', // clearingAccount, clearingIntent
    0, // notHeld
    0, // deltaNeutral contract present
    '', // algoStrategy
    0, // solicited
    0, o.status, ...none(6), ...none(6), '', '', // whatIf, status, margins before/change, after…, commission currency, warning
    0, 0, // randomizeSize, randomizePrice
    0, // conditions count
    '', '', '', '', '', '', '', 0, // adjusted order type … adjustableTrailingUnit
    '', '', '', // softDollarTier
    '', // cashQty
    0, 0, 0, 0, // dontUseAutoPriceForHedge, isOmsContainer, discretionaryUpToLimitPrice, usePriceMgmtAlgo
    '', '', // duration, postToAts
    0, // autoCancelParent
    ...none(5), // minTradeQty, minCompeteSize, competeAgainstBestOffset, midOffsetAtWhole, midOffsetAtHalf
    '', 0, '', 0, // customerAccount, professionalCustomer, bondAccruedInterest, includeOvernight
    '', '', // extOperator, manualOrderIndicator
  ];
};

export const openOrderEnd = (): FieldValue[] => [IN_ORDERS.OPEN_ORDER_END, 1];

/** One execution of an order, with the commission IB reports for it. */
export interface ExecutionRecord {
  execId: string;
  order: OrderRecord;
  /** "yyyyMMdd  HH:mm:ss" in the account's zone, as IB sends it. */
  time: string;
  shares: number;
  price: number;
  commission: number;
}

/** EXECUTION_DATA at server ≥ LAST_LIQUIDITY (no version); reqId −1 for a live execution. */
export const execDetails = (reqId: number, e: ExecutionRecord): FieldValue[] => {
  const c = e.order.contract;
  return [
    IN_ORDERS.EXECUTION_DATA,
    reqId,
    e.order.orderId,
    c.conId, c.symbol, c.secType, c.lastTradeDate, c.strike, c.right, c.multiplier, c.exchange, c.currency, c.localSymbol, c.tradingClass,
    e.execId, e.time, e.order.account, 'SMART', e.order.action === 'BUY' ? 'BOT' : 'SLD', e.shares, e.price, e.order.permId, e.order.clientId, 0,
    e.order.filled, e.order.avgFillPrice, e.order.orderRef, '', '', '', 1, 0,
  ];
};

export const execDetailsEnd = (reqId: number): FieldValue[] => [IN_ORDERS.EXECUTION_DATA_END, 1, reqId];

export const commissionReport = (e: ExecutionRecord): FieldValue[] => [IN_ORDERS.COMMISSION_REPORT, 1, e.execId, e.commission, 'USD', '', '', ''];

const IN_ORDERS = { ORDER_STATUS: 3, OPEN_ORDER: 5, EXECUTION_DATA: 11, OPEN_ORDER_END: 53, EXECUTION_DATA_END: 55, COMMISSION_REPORT: 59 } as const;
