import { isRegularHours } from '../../../src/calendar/index.js';
import type { BarSource, GatewayFixtures } from './fixtures.js';
import { optionConId, quoteKey } from './fixtures.js';
import type { GatewayFaults } from './faults.js';
import { ibMessage } from './faults.js';
import type { FieldValue, Fields } from './framing.js';
import {
  OUT,
  parseAccountSummaryRequest,
  parseContractDetailsRequest,
  parseHistoricalRequest,
  parseMarketDataRequest,
  parseSecDefOptParamsRequest,
  versionedReqId,
  type WireContract,
} from './client-messages.js';
import type { FakeOrderBook } from './order-book.js';
import * as msg from './server-messages.js';
import type { ContractRecord, WireBar } from './server-messages.js';
import { formatBarDate, parseDuration, parseEndDateTime } from './wire-time.js';

export type Reply = FieldValue[];

/** Per-connection state the handlers read and change. */
export interface SessionState {
  /** 1 live, 2 frozen, 3 delayed, 4 delayed-frozen (REQ_MARKET_DATA_TYPE). */
  marketDataType: number;
  /** keepUpToDate historical requests: reqId → symbol and date format. */
  barStreams: Map<number, { symbol: string; formatDate: number }>;
}

export interface HandlerContext {
  session: SessionState;
  /** IB's order books, shared by every connection. */
  orders: FakeOrderBook;
  clientId: number;
  fixtures: GatewayFixtures;
  faults: GatewayFaults;
  bars: BarSource;
}

type Handler = (ctx: HandlerContext, f: Fields) => Reply[] | Promise<Reply[]>;

/** Live and delayed tick types: bid, ask, last, bid size, ask size, volume. */
const TICKS = {
  live: { bid: 1, ask: 2, last: 4, bidSize: 0, askSize: 3, volume: 8 },
  delayed: { bid: 66, ask: 67, last: 68, bidSize: 69, askSize: 70, volume: 74 },
} as const;

const error = (id: number, code: number): Reply => msg.errorMessage(id, code, ibMessage(code));

export const toWireBar = (b: { ts: number; open: number; high: number; low: number; close: number; volume: number }, formatDate: number): WireBar => ({
  date: formatBarDate(b.ts, formatDate),
  open: b.open,
  high: b.high,
  low: b.low,
  close: b.close,
  volume: b.volume,
  wap: Math.round(((b.high + b.low + b.close) / 3) * 10_000) / 10_000,
  count: 1,
});

async function historicalData(ctx: HandlerContext, f: Fields): Promise<Reply[]> {
  const req = parseHistoricalRequest(f);
  if (ctx.faults.pacingViolations > 0) {
    ctx.faults.pacingViolations--;
    return [error(req.reqId, 162)];
  }
  if (req.barSize !== '1 min') return [error(req.reqId, 321)];
  let end: number;
  let durationMs: number;
  try {
    end = parseEndDateTime(req.endDateTime, ctx.fixtures.now());
    durationMs = parseDuration(req.duration);
  } catch {
    return [error(req.reqId, 321)];
  }
  const all = await ctx.bars.bars(req.contract.symbol, end - durationMs, end);
  // useRTH=1: regular trading hours only, as IB serves them.
  const bars = req.useRth ? all.filter((b) => isRegularHours(b.ts)) : all;
  if (req.keepUpToDate) ctx.session.barStreams.set(req.reqId, { symbol: req.contract.symbol, formatDate: req.formatDate });
  return [
    msg.historicalData(
      req.reqId,
      formatBarDate(end - durationMs, req.formatDate),
      formatBarDate(end, req.formatDate),
      bars.map((b) => toWireBar(b, req.formatDate)),
    ),
  ];
}

async function marketData(ctx: HandlerContext, f: Fields): Promise<Reply[]> {
  const req = parseMarketDataRequest(f);
  const key = quoteKey(req.contract);
  const needs = ctx.faults.needsSubscription[key] ?? ctx.faults.needsSubscription['*'];
  const wantsDelayed = ctx.session.marketDataType >= 3;
  // Live data is served when subscribed, whatever type was asked; delayed only when asked for and needed.
  if (needs && !wantsDelayed) return [error(req.reqId, needs)];
  const delayed = Boolean(needs) && wantsDelayed;
  const out: Reply[] = [msg.marketDataType(req.reqId, delayed ? 3 : 1), msg.tickReqParams(req.reqId, 0.01, '9c0001', 3)];
  if (delayed && ctx.faults.delayedAdvisory) out.push(error(req.reqId, 10167));
  const q = ctx.fixtures.quotes[key] ?? (await ctx.fixtures.quoteFor?.(req.contract));
  if (q) {
    const t = delayed ? TICKS.delayed : TICKS.live;
    // IB sends −1 for a value it does not have.
    const v = (x: number) => (Number.isNaN(x) ? -1 : x);
    out.push(msg.tickPrice(req.reqId, t.bid, v(q.bid), v(q.bidSize)), msg.tickPrice(req.reqId, t.ask, v(q.ask), v(q.askSize)));
    // Like IB, sizes also come as TICK_SIZE of their own (the client drops a bid size carried by TICK_PRICE: its tick type is 0).
    out.push(msg.tickSize(req.reqId, t.bidSize, v(q.bidSize)), msg.tickSize(req.reqId, t.askSize, v(q.askSize)));
    out.push(msg.tickPrice(req.reqId, t.last, v(q.last), 1), msg.tickSize(req.reqId, t.volume, v(q.volume)));
  }
  if (req.snapshot) out.push(msg.tickSnapshotEnd(req.reqId));
  return out;
}

/** Stocks come from the fixtures; options are synthesised from the chain parameters of their underlying. */
function contractDetails(ctx: HandlerContext, f: Fields): Reply[] {
  const { reqId, contract } = parseContractDetailsRequest(f);
  const found = contract.secType === 'OPT' ? matchingOptions(ctx, contract) : matchingStocks(ctx, contract);
  if (found.length === 0) return [error(reqId, 200)];
  return [...found.map((c) => msg.contractData(reqId, c)), msg.contractDataEnd(reqId)];
}

function matchingStocks(ctx: HandlerContext, c: WireContract): ContractRecord[] {
  return ctx.fixtures.contracts.filter((k) => (c.conId ? k.conId === c.conId : k.symbol === c.symbol && (!c.secType || k.secType === c.secType)));
}

function matchingOptions(ctx: HandlerContext, c: WireContract): ContractRecord[] {
  const under = ctx.fixtures.contracts.find((k) => k.symbol === c.symbol);
  const params = ctx.fixtures.optionParams[c.symbol]?.find((p) => p.exchange === 'SMART');
  if (!under || !params) return [];
  const out: ContractRecord[] = [];
  for (const expiry of params.expirations) {
    if (c.lastTradeDate && c.lastTradeDate !== expiry) continue;
    for (const strike of params.strikes) {
      if (c.strike && c.strike !== strike) continue;
      for (const right of ['C', 'P'] as const) {
        if (c.right && c.right !== right) continue;
        out.push({
          ...under,
          conId: optionConId(c.symbol, expiry, strike, right),
          secType: 'OPT',
          lastTradeDate: expiry,
          strike,
          right,
          multiplier: params.multiplier,
          localSymbol: `${c.symbol.padEnd(6)}${expiry.slice(2)}${right}${String(Math.round(strike * 1000)).padStart(8, '0')}`,
          tradingClass: params.tradingClass,
          longName: under.longName,
          underConId: under.conId,
        });
      }
    }
  }
  return out;
}

function secDefOptParams(ctx: HandlerContext, f: Fields): Reply[] {
  const req = parseSecDefOptParamsRequest(f);
  const under = ctx.fixtures.contracts.find((k) => k.symbol === req.symbol);
  const params = under && under.conId === req.underConId ? (ctx.fixtures.optionParams[req.symbol] ?? []) : [];
  return [...params.map((p) => msg.secDefOptParams(req.reqId, req.underConId, p)), msg.secDefOptParamsEnd(req.reqId)];
}

function accountSummary(ctx: HandlerContext, f: Fields): Reply[] {
  const req = parseAccountSummaryRequest(f);
  const out: Reply[] = [];
  for (const account of ctx.fixtures.accounts) {
    for (const tag of req.tags) {
      const v = ctx.fixtures.accountSummary[tag];
      if (v) out.push(msg.accountSummary(req.reqId, account, tag, v.value, v.currency));
    }
  }
  return [...out, msg.accountSummaryEnd(req.reqId)];
}

/** The fixtures' positions and those the executions left. */
function positions(ctx: HandlerContext): Reply[] {
  const account = ctx.fixtures.accounts[0] ?? '';
  const traded = ctx.orders.positions().map((p) => msg.position(account, { ...TRADED, ...p.contract } as ContractRecord, p.position, p.avgCost));
  return [...ctx.fixtures.positions.map((p) => msg.position(account, p.contract, p.position, p.avgCost)), ...traded, msg.positionEnd()];
}

/** What a position message needs beyond the traded contract's wire fields. */
const TRADED = { longName: '', minTick: 0.01, underConId: 0 };

function placeOrder(ctx: HandlerContext, f: Fields): Reply[] {
  const ref = String(f[26] ?? '');
  const reject = ctx.faults.rejectOrders.find((r) => r.match === '*' || ref.includes(r.match)) ?? null;
  return ctx.orders.place(f, ctx.clientId, reject);
}

/** Request handlers by client message id. Messages without one are recorded and left unanswered. */
export const HANDLERS: Partial<Record<number, Handler>> = {
  [OUT.REQ_HISTORICAL_DATA]: historicalData,
  [OUT.CANCEL_HISTORICAL_DATA]: (ctx, f) => (ctx.session.barStreams.delete(versionedReqId(f)), []),
  [OUT.REQ_MKT_DATA]: marketData,
  [OUT.REQ_MARKET_DATA_TYPE]: (ctx, f) => ((ctx.session.marketDataType = Number(f[2])), []),
  [OUT.REQ_CONTRACT_DATA]: contractDetails,
  [OUT.REQ_SEC_DEF_OPT_PARAMS]: secDefOptParams,
  [OUT.REQ_ACCOUNT_SUMMARY]: accountSummary,
  [OUT.REQ_POSITIONS]: positions,
  [OUT.PLACE_ORDER]: placeOrder,
  [OUT.CANCEL_ORDER]: (ctx, f) => ctx.orders.cancel(f),
  [OUT.REQ_ALL_OPEN_ORDERS]: (ctx) => ctx.orders.openOrders(),
  [OUT.REQ_OPEN_ORDERS]: (ctx) => ctx.orders.openOrders(),
  [OUT.REQ_EXECUTIONS]: (ctx, f) => ctx.orders.executionReport(Number(f[2])),
  [OUT.REQ_CURRENT_TIME]: (ctx) => [msg.currentTime(Math.floor(ctx.fixtures.now() / 1000))],
  [OUT.REQ_IDS]: (ctx) => [msg.nextValidId(ctx.fixtures.nextOrderId)],
  [OUT.REQ_MANAGED_ACCTS]: (ctx) => [msg.managedAccounts(ctx.fixtures.accounts)],
};
