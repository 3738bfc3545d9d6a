import { afterEach, describe, expect, it } from 'vitest';
import type { Bar } from '../../src/core/bar.js';
import type { OptionContract } from '../../src/core/option-contract.js';
import type { IbConnection } from '../../src/venues/ib/ib-connection.js';
import { IbRequestError } from '../../src/venues/ib/ib-errors.js';
import { IbMarketData, type PickOptions } from '../../src/venues/ib/ib-market-data.js';
import { failOnDecodeErrors } from '../support/fake-gateway/client-errors.js';
import { FakeGateway, type FakeGatewayOptions } from '../support/fake-gateway/fake-gateway.js';
import { connectionTo, next, testLogger } from './helpers.js';

const T0 = Date.UTC(2024, 3, 1, 14, 0); // Monday 2024-04-01 10:00 New York
const MIN = 60_000;
const bar = (i: number): Bar => ({ ts: T0 + i * MIN, open: 520 + i / 10, high: 520.5 + i / 10, low: 519.5 + i / 10, close: 520.2 + i / 10, volume: 1000 + i });
const BARS = Array.from({ length: 90 }, (_, i) => bar(i));
const SPY_QUOTE = { bid: 520.1, ask: 520.12, last: 520.11, bidSize: 10, askSize: 12, volume: 123_456 };
const CHAIN = { exchange: 'SMART', tradingClass: 'SPY', multiplier: '100', expirations: ['20240408', '20240405', '20240412'], strikes: [521, 519, 520, 522] };
const optionQuote = (bid: number) => ({ bid, ask: bid + 0.02, last: bid + 0.01, bidSize: 5, askSize: 7, volume: 300 });

const errors = failOnDecodeErrors();
let gateway: FakeGateway;
let conn: IbConnection | undefined;

afterEach(async () => {
  conn?.close();
  conn = undefined;
  await gateway?.stop();
});

async function setup(opts: FakeGatewayOptions = {}, connOverrides: Parameters<typeof connectionTo>[3] = {}) {
  gateway = await FakeGateway.start({ ...opts, fixtures: { now: () => T0 + 90 * MIN, bars: { SPY: BARS }, ...opts.fixtures } });
  const logger = testLogger();
  conn = connectionTo(gateway, errors, logger.log, connOverrides);
  await conn.connect();
  return { md: new IbMarketData(conn, logger.log), ...logger, conn };
}

/** The selection stand-in: nearest expiry, the two strikes nearest the underlying, calls. */
const nearestCalls: PickOptions = (chain, underlying) => {
  const strikes = [...chain.strikes].sort((a, b) => Math.abs(a - underlying.last) - Math.abs(b - underlying.last)).slice(0, 2);
  return strikes.map((strike): OptionContract => ({ underlying: chain.symbol, expiry: chain.expirations[0]!, strike, right: 'C', multiplier: chain.multiplier }));
};

describe('IB market data against the fake gateway', () => {
  it('closed 1-minute bars: a short "3600 S" request, only bars closed by asOf', async () => {
    const { md } = await setup();
    const asOf = T0 + 60 * MIN + 30_000; // 11:00:30: the 11:00 bar is still forming
    const bars = await md.closedBars('SPY', asOf);
    expect(bars).toEqual(BARS.slice(1, 60));
    const req = gateway.messages('REQ_HISTORICAL_DATA')[0]!.fields;
    expect(req.slice(1, 4)).toEqual(['', 'SPY', 'STK']);
    expect(req.slice(14, 21)).toEqual(['20240401-15:00:30', '1 min', '3600 S', '1', 'TRADES', '2', '0']);
  });

  it('a live quote snapshot', async () => {
    const { md } = await setup({ fixtures: { quotes: { SPY: SPY_QUOTE } } });
    const q = await md.quote('SPY');
    expect(q).toMatchObject({ ...SPY_QUOTE, delayed: false });
    expect(md.delayed).toBe(false);
  });

  it('on 10089 switches to delayed data once, loudly, and marks every quote delayed', async () => {
    const { md, named, conn } = await setup({ fixtures: { quotes: { SPY: SPY_QUOTE } }, faults: { needsSubscription: { SPY: 10089 } } });
    const q = await md.quote('SPY');
    expect(q).toMatchObject({ ...SPY_QUOTE, delayed: true });
    expect(await md.quote('SPY')).toMatchObject({ delayed: true });
    const warnings = named('ib.delayed-data');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 'warn', code: 10089, contract: 'SPY' });
    expect(warnings[0]!.msg).toMatch(/^NO LIVE MARKET DATA for SPY: IB 10089 "Requested market data requires additional subscription.*switching to DELAYED data \(market data type 3\)/);
    expect(gateway.received.filter((m) => m.name !== 'START_API').map((m) => m.name)).toEqual(['REQ_MKT_DATA', 'REQ_MARKET_DATA_TYPE', 'REQ_MKT_DATA', 'REQ_MKT_DATA']);
    expect(gateway.messages('REQ_MARKET_DATA_TYPE')[0]!.fields).toEqual(['1', '3']);

    // The type belongs to the connection: after a reconnect it is asked for again, without a new warning.
    const back = next(conn, 'connected');
    gateway.resetConnections();
    await back;
    await gateway.waitFor((m) => m.name === 'REQ_MARKET_DATA_TYPE' && m.session === 2);
    expect(await md.quote('SPY')).toMatchObject({ delayed: true });
    expect(named('ib.delayed-data')).toHaveLength(1);
  });

  it('10168 (no subscription, delayed not enabled) also falls back; concurrent refusals warn once', async () => {
    const { md, named } = await setup({ fixtures: { quotes: { SPY: SPY_QUOTE } }, faults: { needsSubscription: { SPY: 10168 } } });
    const quotes = await Promise.all([md.quote('SPY'), md.quote('SPY'), md.quote('SPY')]);
    expect(quotes.map((q) => q?.delayed)).toEqual([true, true, true]);
    expect(named('ib.delayed-data')).toHaveLength(1);
  });

  it('option chain: qualify the underlying, read the SMART chain, quote the picked candidates', async () => {
    const { md } = await setup({
      fixtures: {
        optionParams: { SPY: [{ ...CHAIN, exchange: 'CBOE' }, CHAIN] },
        quotes: { SPY: SPY_QUOTE, 'SPY 20240405 520 C': optionQuote(1.5), 'SPY 20240405 521 C': optionQuote(1.1) },
      },
    });
    const chain = await md.optionChainParams('SPY');
    expect(chain).toEqual({
      symbol: 'SPY',
      underlyingConId: 756733,
      exchange: 'SMART',
      tradingClass: 'SPY',
      multiplier: 100,
      expirations: ['2024-04-05', '2024-04-08', '2024-04-12'],
      strikes: [519, 520, 521, 522],
    });
    expect(gateway.messages('REQ_SEC_DEF_OPT_PARAMS')[0]!.fields.slice(1)).toEqual(['SPY', '', 'STK', '756733']);

    const out = await md.optionCandidates('SPY', nearestCalls);
    if (out.kind !== 'candidates') throw new Error(out.reason);
    expect(out.underlying.last).toBe(520.11);
    expect(out.candidates.map((c) => [c.contract.strike, c.quote.bid])).toEqual([
      [520, 1.5],
      [521, 1.1],
    ]);
    const optionRequests = gateway.messages('REQ_MKT_DATA').filter((m) => m.fields[4] === 'OPT');
    expect(optionRequests.map((m) => m.fields.slice(2, 8))).toEqual([
      ['', 'SPY', 'OPT', '20240405', '520', 'C'],
      ['', 'SPY', 'OPT', '20240405', '521', 'C'],
    ]);
  });

  it('empty chain, missing underlying quote or missing option quotes skip the cycle with a reason', async () => {
    const { md } = await setup({ fixtures: { quotes: { SPY: SPY_QUOTE } } });
    expect(await md.optionCandidates('SPY', nearestCalls)).toEqual({ kind: 'skip', reason: 'skip this cycle because IB lists no option chain for SPY on SMART' });
    gateway.fixtures.optionParams.SPY = [{ ...CHAIN, expirations: [] }];
    expect(await md.optionCandidates('SPY', nearestCalls)).toMatchObject({ kind: 'skip', reason: expect.stringContaining('no option chain') });
    gateway.fixtures.optionParams.SPY = [CHAIN];
    expect(await md.optionCandidates('SPY', nearestCalls)).toEqual({ kind: 'skip', reason: 'skip this cycle because none of the 2 picked SPY options has a quote' });
    expect(await md.optionCandidates('SPY', () => [])).toEqual({ kind: 'skip', reason: 'skip this cycle because no SPY option matches the selection rules' });
    gateway.fixtures.quotes = {};
    expect(await md.optionCandidates('SPY', nearestCalls)).toEqual({ kind: 'skip', reason: 'skip this cycle because SPY has no quote' });
    expect(await md.optionChainParams('QQQ')).toBeNull();
  });

  it('a pacing violation (162) fails the request as pacing; a missing reply times out and cancels', async () => {
    const { md } = await setup({ faults: { pacingViolations: 1 } }, { requestTimeoutMs: 100 });
    const e = await md.closedBars('SPY', T0 + 60 * MIN).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(IbRequestError);
    expect((e as IbRequestError).isPacing).toBe(true);

    gateway.faults.unanswered = ['REQ_HISTORICAL_DATA'];
    const t = await md.closedBars('SPY', T0 + 60 * MIN).catch((x: unknown) => x);
    expect((t as Error).message).toBe('historical SPY: IB 0 no answer within 100 ms');
    await gateway.waitFor((m) => m.name === 'CANCEL_HISTORICAL_DATA');

    gateway.faults.unanswered = [];
    gateway.faults.replyDelayMs = { REQ_HISTORICAL_DATA: 30 };
    expect(await md.closedBars('SPY', T0 + 60 * MIN)).toEqual(BARS.slice(0, 60));
  });

  it('streams closed bars, and after a hard reset re-subscribes and fills the gap without repeats', async () => {
    const { md, conn } = await setup({ fixtures: { now: () => T0 + 60 * MIN + 30_000, bars: { SPY: BARS.slice(0, 61) } } });
    const got: number[] = [];
    md.streamBars('SPY', (b) => got.push((b.ts - T0) / MIN));
    await gateway.waitFor((m) => m.name === 'REQ_HISTORICAL_DATA');
    await until(() => got.length === 59); // the last hour, 10:01–11:00: all but the forming 11:00 bar are closed
    expect(got.at(-1)).toBe(59);
    expect(gateway.pushBar('SPY', bar(61))).toBe(1); // 11:01 starts: 11:00 closed
    await until(() => got.length === 60);

    const back = next(conn, 'connected');
    gateway.resetConnections();
    gateway.fixtures.now = () => T0 + 64 * MIN + 30_000;
    gateway.fixtures.bars = { SPY: BARS.slice(0, 65) };
    await back;
    await gateway.waitFor((m) => m.name === 'REQ_HISTORICAL_DATA' && m.session === 2);
    await until(() => got.length === 63); // 11:01–11:03, missed while down, come from the new history; 11:04 is forming
    expect(got).toEqual(Array.from({ length: 63 }, (_, i) => i + 1));
  });
});

async function until(cond: () => boolean, timeoutMs = 2_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`condition not reached in time: ${cond.toString()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
