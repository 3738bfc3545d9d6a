import { EventName, IBApi, SecType, type Contract } from '@stoqey/ib';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bar } from '../../src/core/bar.js';
import { failOnDecodeErrors } from '../support/fake-gateway/client-errors.js';
import { FakeGateway } from '../support/fake-gateway/fake-gateway.js';

const T0 = Date.UTC(2024, 3, 1, 14, 0); // 10:00 New York
const bars: Bar[] = Array.from({ length: 90 }, (_, i) => ({ ts: T0 + i * 60_000, open: 500 + i, high: 501 + i, low: 499 + i, close: 500.5 + i, volume: 1000 + i }));
const SPY: Contract = { symbol: 'SPY', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };

const errors = failOnDecodeErrors();
let gateway: FakeGateway;
let api: IBApi | undefined;

afterEach(async () => {
  api?.disconnect();
  api = undefined;
  await gateway?.stop();
});

/** A raw client on the gateway, resolved once nextValidId arrived (the client's own "connected"). */
async function connect(clientId = 7): Promise<IBApi> {
  const a = new IBApi({ host: gateway.host, port: gateway.port });
  errors.attach(a);
  const ready = new Promise<void>((resolve) => a.once(EventName.nextValidId, () => resolve()));
  a.connect(clientId);
  await ready;
  return a;
}

describe('fake IB Gateway with the unmodified @stoqey/ib client', () => {
  it('handshakes at server version 193 and announces the account', async () => {
    gateway = await FakeGateway.start();
    const a = new IBApi({ host: gateway.host, port: gateway.port });
    errors.attach(a);
    const accounts = new Promise<string>((r) => a.once(EventName.managedAccounts, r));
    const infos: number[] = [];
    a.on(EventName.info, (_m: string, code: number) => infos.push(code));
    const id = new Promise<number>((r) => a.once(EventName.nextValidId, r));
    a.connect(11);
    api = a;
    expect(await accounts).toBe('DU1234567');
    expect(await id).toBe(1);
    expect(a.serverVersion).toBe(193);
    await gateway.waitFor((m) => m.name === 'START_API');
    expect(gateway.messages('START_API')[0]!.fields).toEqual(['2', '11', '']);
    expect(gateway.activeClientIds).toEqual([11]);
  });

  it('serves historical bars in the requested window, as epoch seconds', async () => {
    gateway = await FakeGateway.start({ fixtures: { bars: { SPY: bars } } });
    api = await connect();
    const got: { date: string; close: number }[] = [];
    const done = new Promise<void>((resolve) =>
      api!.on(EventName.historicalData, (_id: number, date: string, _o: number, _h: number, _l: number, close: number) => {
        if (date.startsWith('finished')) resolve();
        else got.push({ date, close });
      }),
    );
    api.reqHistoricalData(1, SPY, '20240401-15:00:00', '3600 S', '1 min' as never, 'TRADES' as never, 1, 2, false);
    await done;
    expect(got).toHaveLength(60);
    expect(got[0]).toEqual({ date: String(T0 / 1000), close: 500.5 });
    const req = gateway.messages('REQ_HISTORICAL_DATA')[0]!;
    expect(req.fields.slice(14, 20)).toEqual(['20240401-15:00:00', '1 min', '3600 S', '1', 'TRADES', '2']);
  });

  it('serves contract details, option parameters, snapshots, account summary and positions without decode errors', async () => {
    gateway = await FakeGateway.start({
      fixtures: {
        quotes: { SPY: { bid: 520.1, ask: 520.12, last: 520.11, bidSize: 10, askSize: 12, volume: 123456 } },
        optionParams: { SPY: [{ exchange: 'SMART', tradingClass: 'SPY', multiplier: '100', expirations: ['20240405'], strikes: [519, 520, 521] }] },
      },
    });
    api = await connect();
    const a = api;
    const details = new Promise<number>((r) => a.once(EventName.contractDetails, (_id: number, d: { contract: { conId: number } }) => r(d.contract.conId)));
    a.reqContractDetails(2, SPY);
    expect(await details).toBe(756733);

    const params = new Promise<number[]>((r) => a.once(EventName.securityDefinitionOptionParameter, (...args: unknown[]) => r(args[6] as number[])));
    a.reqSecDefOptParams(3, 'SPY', '', 'STK', 756733);
    expect(await params).toEqual([519, 520, 521]);

    const ticks: [number, number][] = [];
    a.on(EventName.tickPrice, (_id: number, type: number, price: number) => ticks.push([type, price]));
    const end = new Promise((r) => a.once(EventName.tickSnapshotEnd, r));
    a.reqMktData(4, SPY, '', true, false);
    await end;
    expect(ticks).toEqual([[1, 520.1], [2, 520.12], [4, 520.11]]);

    const nav = new Promise<string>((r) => a.once(EventName.accountSummary, (_id: number, _acc: string, _tag: string, value: string) => r(value)));
    a.reqAccountSummary(5, 'All', 'NetLiquidation');
    expect(await nav).toBe('100000.00');

    const posEnd = new Promise((r) => a.once(EventName.positionEnd, r));
    a.reqPositions();
    await posEnd;
    expect(errors.codes()).toEqual([]);
  });

  it('a malformed message shows on the client as error 505', async () => {
    gateway = await FakeGateway.start({ faults: { malformed: ['REQ_CURRENT_TIME'] } });
    api = await connect();
    const err = new Promise<number>((r) => api!.once(EventName.error, (_e: Error, code: number) => r(code)));
    api.reqCurrentTime();
    expect(await err).toBe(505);
    errors.clear(); // expected here: the fault under test
  });
});
