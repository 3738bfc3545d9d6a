import type { Bar, BarColumns } from '../../../src/core/bar.js';
import { barAt } from '../../../src/core/bar.js';
import type { Quote } from '../../../src/core/quote.js';
import type { BarStore } from '../../../src/venues/history/bar-store.js';
import type { WireContract } from './client-messages.js';
import type { ContractRecord, OptionParamsRecord } from './server-messages.js';

/** Where the gateway's 1-minute bars come from: fixtures now, a DuckDB bar store later. */
export interface BarSource {
  /** 1-minute bars of `symbol` whose start lies in [fromMs, toMs), oldest first. */
  bars(symbol: string, fromMs: number, toMs: number): Promise<readonly Bar[]> | readonly Bar[];
}

/** A top-of-book the gateway serves as live (tick types 1,2,4,…) or delayed (66,67,68,…) ticks. */
export type FixtureQuote = Omit<Quote, 'ts' | 'delayed'>;

export interface FixturePosition {
  contract: ContractRecord;
  position: number;
  avgCost: number;
}

/** Everything the fake gateway knows. Every field has a default, see `withDefaults`. */
export interface GatewayFixtures {
  /** Server version answered in the handshake, capped by the client's maximum. */
  serverVersion: number;
  accounts: string[];
  nextOrderId: number;
  /** The gateway's clock (ms): "now" for an empty end date and for REQ_CURRENT_TIME. */
  now: () => number;
  /** 1-minute bars by symbol, as BarColumns or Bar arrays, or any BarSource. */
  bars: BarSource | Record<string, BarColumns | readonly Bar[]>;
  /** Quotes by `quoteKey`: "SPY", or "SPY 20240405 520 C" for an option. */
  quotes: Record<string, FixtureQuote>;
  /** Quotes computed when asked (e.g. from an options model at the gateway's clock), for contracts `quotes` lacks; NaN values are not sent. */
  quoteFor?: (c: WireContract) => FixtureQuote | undefined | Promise<FixtureQuote | undefined>;
  /** Stocks and indexes the gateway can qualify. */
  contracts: ContractRecord[];
  /** reqSecDefOptParams answers by underlying symbol, one entry per exchange. */
  optionParams: Record<string, OptionParamsRecord[]>;
  /** Account summary tags → value, e.g. NetLiquidation. */
  accountSummary: Record<string, { value: string; currency: string }>;
  positions: FixturePosition[];
}

export const SPY_CONTRACT: ContractRecord = {
  conId: 756733,
  symbol: 'SPY',
  secType: 'STK',
  lastTradeDate: '',
  strike: 0,
  right: '',
  multiplier: '',
  exchange: 'SMART',
  primaryExch: 'ARCA',
  currency: 'USD',
  localSymbol: 'SPY',
  tradingClass: 'SPY',
  longName: 'SPDR S&P 500 ETF TRUST',
  minTick: 0.01,
  underConId: 0,
};

export function withDefaults(f: Partial<GatewayFixtures>): GatewayFixtures {
  return {
    serverVersion: 193,
    accounts: ['DU1234567'],
    nextOrderId: 1,
    now: Date.now,
    bars: {},
    quotes: {},
    contracts: [SPY_CONTRACT],
    optionParams: {},
    accountSummary: { NetLiquidation: { value: '100000.00', currency: 'USD' } },
    positions: [],
    ...f,
  };
}

/** The key of a contract in `GatewayFixtures.quotes`. */
export function quoteKey(c: { symbol: string; secType: string; lastTradeDate: string; strike: number; right: string }): string {
  return c.secType === 'OPT' ? `${c.symbol} ${c.lastTradeDate} ${c.strike} ${c.right}` : c.symbol;
}

/** A BarSource over in-memory bars (columns or objects), searched by binary search on the start time. */
export function fixtureBarSource(bySymbol: Record<string, BarColumns | readonly Bar[]>): BarSource {
  const arrays = new Map<string, readonly Bar[]>();
  for (const [symbol, bars] of Object.entries(bySymbol)) {
    arrays.set(symbol, Array.isArray(bars) ? bars : Array.from({ length: (bars as BarColumns).length }, (_, i) => barAt(bars as BarColumns, i)));
  }
  return {
    bars(symbol, fromMs, toMs) {
      const all = arrays.get(symbol) ?? [];
      return all.slice(lowerBound(all, fromMs), lowerBound(all, toMs));
    },
  };
}

/** A BarSource over the 1-minute bars of a DuckDB bar store: the gateway serves what a backtest would read. */
export function storeBarSource(store: BarStore): BarSource {
  return {
    async bars(symbol, fromMs, toMs) {
      const c = await store.readColumns(symbol, '1m', fromMs, toMs);
      return Array.from({ length: c.length }, (_, i) => barAt(c, i));
    },
  };
}

function lowerBound(bars: readonly Bar[], ts: number): number {
  let lo = 0;
  let hi = bars.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (bars[mid]!.ts < ts) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A deterministic conId for an option of the chain, so the same contract always gets the same id. */
export function optionConId(symbol: string, expiry: string, strike: number, right: string): number {
  let h = 2166136261;
  for (const ch of `${symbol}|${expiry}|${strike}|${right}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return 100_000_000 + ((h >>> 0) % 800_000_000);
}
