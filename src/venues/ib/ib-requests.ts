import { EventName, type Contract, type ContractDetails } from '@stoqey/ib';
import type { Bar } from '../../core/bar.js';
import type { Quote } from '../../core/quote.js';
import type { EpochMs } from '../../core/time.js';
import { describeContract } from './ib-contracts.js';
import { IbCode, IbRequestError } from './ib-errors.js';
import type { IbSession } from './ib-session.js';
import { FORMAT_EPOCH_SECONDS, ibEndDateTime, parseBarTime } from './ib-time.js';

/** Typed, promise-based IB requests on one session. Each settles on its answer, its IB error or a timeout. */

export interface HistoricalQuery {
  /** Bars end here (exclusive); IB may include the bar still forming at this time. */
  endMs: EpochMs;
  durationSeconds: number;
  regularHoursOnly: boolean;
  whatToShow?: 'TRADES' | 'MIDPOINT' | 'BID' | 'ASK';
}

/** 1-minute bars of `contract`, oldest first. IB's "HMDS query returned no data" (162) is an empty answer, not an error. */
export function historicalBars(session: IbSession, contract: Contract, q: HistoricalQuery): Promise<Bar[]> {
  const bars: Bar[] = [];
  const label = `historical ${describeContract(contract)}`;
  return session
    .request<Bar[]>({
      label,
      send: (api, reqId) =>
        api.reqHistoricalData(
          reqId,
          contract,
          ibEndDateTime(q.endMs),
          `${q.durationSeconds} S`,
          '1 min' as never,
          (q.whatToShow ?? 'TRADES') as never,
          q.regularHoursOnly ? 1 : 0,
          FORMAT_EPOCH_SECONDS,
          false,
        ),
      cancel: (api, reqId) => api.cancelHistoricalData(reqId),
      handlers: (done) => ({
        [EventName.historicalData]: (date: string, open: number, high: number, low: number, close: number, volume: number) => {
          if (date.startsWith('finished')) return done(bars);
          bars.push({ ts: parseBarTime(date), open, high, low, close, volume });
        },
      }),
    })
    .catch((e: unknown) => {
      if (e instanceof IbRequestError && e.code === IbCode.pacingViolation && !e.isPacing) return [];
      throw e;
    });
}

/** IB tick types of a snapshot, live and delayed. */
const TICK = {
  bid: [1, 66],
  ask: [2, 67],
  last: [4, 68],
  bidSize: [0, 69],
  askSize: [3, 70],
  volume: [8, 74],
} as const;
type TickField = keyof typeof TICK;
const FIELD_OF = new Map<number, TickField>(Object.entries(TICK).flatMap(([f, types]) => types.map((t) => [t, f as TickField] as const)));
const DELAYED_TICKS = new Set(Object.values(TICK).map((t) => t[1]));

/** A snapshot's values: a Quote without its time stamp. `delayed`: delayed tick types, market data type 3/4 or IB's 10167. */
export type SnapshotTicks = Omit<Quote, 'ts'>;

/** One snapshot (reqMktData snapshot=true), ended by TICK_SNAPSHOT_END. Missing values are NaN, never 0. */
export function snapshot(session: IbSession, contract: Contract): Promise<SnapshotTicks> {
  const t: SnapshotTicks = { bid: NaN, ask: NaN, last: NaN, bidSize: NaN, askSize: NaN, volume: NaN, delayed: false };
  const set = (type: number, value: number | undefined) => {
    const field = FIELD_OF.get(type);
    if (!field || value === undefined || value < 0) return; // IB sends −1 for "no value"
    t[field] = value;
    if (DELAYED_TICKS.has(type as never)) t.delayed = true;
  };
  return session.request<SnapshotTicks>({
    label: `snapshot ${describeContract(contract)}`,
    send: (api, reqId) => api.reqMktData(reqId, contract, '', true, false),
    cancel: (api, reqId) => api.cancelMktData(reqId),
    handlers: (done) => ({
      [EventName.tickPrice]: set,
      [EventName.tickSize]: set,
      [EventName.marketDataType]: (type: number) => {
        if (type >= 3) t.delayed = true;
      },
      [EventName.tickSnapshotEnd]: () => done(t),
      advisory: (e) => {
        if (e.code === IbCode.delayedDisplayed) t.delayed = true;
      },
    }),
  });
}

/** Contract details; IB's 200 ("no security definition") is an empty list. */
export function contractDetails(session: IbSession, contract: Contract): Promise<ContractDetails[]> {
  const out: ContractDetails[] = [];
  return session
    .request<ContractDetails[]>({
      label: `contract details ${describeContract(contract)}`,
      send: (api, reqId) => api.reqContractDetails(reqId, contract),
      handlers: (done) => ({
        [EventName.contractDetails]: (d: ContractDetails) => out.push(d),
        [EventName.contractDetailsEnd]: () => done(out),
      }),
    })
    .catch((e: unknown) => {
      if (e instanceof IbRequestError && e.code === IbCode.noSecurityDefinition) return [];
      throw e;
    });
}

export interface OptionParams {
  exchange: string;
  underlyingConId: number;
  tradingClass: string;
  multiplier: number;
  /** "YYYYMMDD" as IB sends them. */
  expirations: string[];
  strikes: number[];
}

export function secDefOptParams(session: IbSession, symbol: string, underConId: number): Promise<OptionParams[]> {
  const out: OptionParams[] = [];
  return session.request<OptionParams[]>({
    label: `option parameters ${symbol}`,
    send: (api, reqId) => api.reqSecDefOptParams(reqId, symbol, '', 'STK', underConId),
    handlers: (done) => ({
      [EventName.securityDefinitionOptionParameter]: (
        exchange: string,
        underlyingConId: number,
        tradingClass: string,
        multiplier: number,
        expirations: string[],
        strikes: number[],
      ) => out.push({ exchange, underlyingConId, tradingClass, multiplier, expirations, strikes }),
      [EventName.securityDefinitionOptionParameterEnd]: () => done(out),
    }),
  });
}

export interface AccountValue {
  account: string;
  value: string;
  currency: string;
}

/** Account summary values by tag (first account only when several are managed). */
export function accountSummary(session: IbSession, tags: readonly string[]): Promise<Map<string, AccountValue>> {
  const out = new Map<string, AccountValue>();
  return session.request({
    label: 'account summary',
    send: (api, reqId) => api.reqAccountSummary(reqId, 'All', tags.join(',')),
    cancel: (api, reqId) => api.cancelAccountSummary(reqId),
    // A summary is a subscription: cancelled once complete (IB allows two at a time).
    handlers: (done, _fail, reqId) => ({
      [EventName.accountSummary]: (account: string, tag: string, value: string, currency: string) => {
        if (!out.has(tag)) out.set(tag, { account, value, currency });
      },
      [EventName.accountSummaryEnd]: () => {
        session.fire((api) => api.cancelAccountSummary(reqId));
        done(out);
      },
    }),
  });
}

/** The Gateway's clock, in epoch ms. */
export function currentTime(session: IbSession): Promise<EpochMs> {
  return session.request<EpochMs>({
    label: 'current time',
    byOrder: true,
    send: (api) => api.reqCurrentTime(),
    handlers: (done) => ({ [EventName.currentTime]: (seconds: number) => done(seconds * 1000) }),
  });
}
