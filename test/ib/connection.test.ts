import { SecType } from '@stoqey/ib';
import { afterEach, describe, expect, it } from 'vitest';
import { IbConnectError } from '../../src/venues/ib/ib-errors.js';
import type { IbConnection } from '../../src/venues/ib/ib-connection.js';
import { failOnDecodeErrors } from '../support/fake-gateway/client-errors.js';
import { FakeGateway } from '../support/fake-gateway/fake-gateway.js';
import { connectionTo, next, testLogger } from './helpers.js';

const errors = failOnDecodeErrors();
let gateway: FakeGateway;
let conn: IbConnection | undefined;

afterEach(async () => {
  conn?.close();
  conn = undefined;
  await gateway?.stop();
});

async function connectFailure(c: IbConnection): Promise<IbConnectError> {
  const e = await c.connect().then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(IbConnectError);
  return e as IbConnectError;
}

/** A streaming quote subscription: each open is one REQ_MKT_DATA on the gateway's record. */
const quoteStream = (opened: number[]) => ({
  name: 'SPY quotes',
  open: (session: { stream: IbConnection['session']['stream']; info: { clientId: number } }, alive: () => void) => {
    opened.push(session.info.clientId);
    const h = session.stream(
      'SPY quotes',
      (api, reqId) => api.reqMktData(reqId, { symbol: 'SPY', secType: SecType.STK, exchange: 'SMART', currency: 'USD' }, '', false, false),
      (api, reqId) => api.cancelMktData(reqId),
      { tickPrice: alive },
      () => {},
    );
    return h.close;
  },
});

/** A gateway with a SPY quote, a connection to it and one quote subscription already opened on session 1. */
async function connectedWithStream(overrides: Parameters<typeof connectionTo>[3] = {}) {
  gateway = await FakeGateway.start({ fixtures: { quotes: { SPY: { bid: 1, ask: 2, last: 1.5, bidSize: 1, askSize: 1, volume: 1 } } } });
  const { log, named } = testLogger();
  conn = connectionTo(gateway, errors, log, overrides);
  await conn.connect();
  const opened: number[] = [];
  conn.subscribe(quoteStream(opened));
  await gateway.waitFor((m) => m.name === 'REQ_MKT_DATA' && m.session === 1);
  return { named, opened, conn };
}

describe('IB connection manager against the fake gateway', () => {
  it('connects with the configured client id and reports the session', async () => {
    gateway = await FakeGateway.start();
    const { log, named } = testLogger();
    conn = connectionTo(gateway, errors, log);
    const info = await conn.connect();
    expect(info).toMatchObject({ clientId: 101, serverVersion: 193, accounts: ['DU1234567'], nextOrderId: 1 });
    expect(conn.state).toBe('connected');
    expect(named('ib.connected')[0]!.msg).toContain('client id 101');
    // The connect notices (2104, 2106, 2158) are data-farm news, logged and not a disconnect.
    await new Promise((r) => setTimeout(r, 20));
    expect(named('ib.farm').map((e) => e.code)).toEqual([2104, 2106, 2158]);
    expect(conn.state).toBe('connected');
  });

  it('on 326 retries the id, then falls back through the configured ids and says which one it uses', async () => {
    gateway = await FakeGateway.start({ faults: { clientIdsInUse: [101, 102] } });
    const { log, named } = testLogger();
    conn = connectionTo(gateway, errors, log, { clientIdFallbacks: [102, 103], clientIdRetries: 1 });
    const info = await conn.connect();
    expect(info.clientId).toBe(103);
    expect(gateway.messages('START_API').map((m) => m.fields[1])).toEqual(['101', '101', '102', '103']);
    expect(named('ib.connected')[0]).toMatchObject({ level: 'warn', client_id: 103 });
    expect(named('ib.connected')[0]!.msg).toBe('client id 101 is in use (IB 326): connected with client id 103 instead');
  });

  it('fails with a client-id diagnosis when every id is taken', async () => {
    gateway = await FakeGateway.start({ faults: { clientIdsInUse: [101, 102] } });
    conn = connectionTo(gateway, errors, testLogger().log, { clientIdFallbacks: [102], clientIdRetries: 0 });
    const e = await connectFailure(conn);
    expect(e.kind).toBe('client-id-in-use');
    expect(e.message).toContain('client ids 101, 102 are all in use');
  });

  it('tells refused, closed-at-handshake and no-handshake apart', async () => {
    gateway = await FakeGateway.start();
    const port = gateway.port;
    await gateway.stop();
    conn = connectionTo(gateway, errors, testLogger().log, { port });
    expect((await connectFailure(conn)).kind).toBe('refused');

    gateway = await FakeGateway.start({ faults: { closeOnHello: true } });
    conn = connectionTo(gateway, errors, testLogger().log);
    expect((await connectFailure(conn)).kind).toBe('closed');
    await gateway.stop();

    gateway = await FakeGateway.start({ faults: { silentHello: true } });
    conn = connectionTo(gateway, errors, testLogger().log, { connectTimeoutMs: 100 });
    expect((await connectFailure(conn)).kind).toBe('timeout');
  });

  it('reconnects after a hard reset and re-opens its subscriptions', async () => {
    const { named, opened, conn } = await connectedWithStream();

    const reconnected = next(conn, 'connected');
    gateway.resetConnections();
    await reconnected;
    await gateway.waitFor((m) => m.name === 'REQ_MKT_DATA' && m.session === 2);
    expect(opened).toEqual([101, 101]);
    expect(named('ib.disconnected')).toHaveLength(1);
    expect(named('ib.reconnect')[0]).toMatchObject({ attempt: 1, delay_ms: 20 });
  });

  it('reconnects after a Gateway restart with capped exponential backoff', async () => {
    gateway = await FakeGateway.start();
    const { log, named } = testLogger();
    conn = connectionTo(gateway, errors, log, { reconnectInitialMs: 10, reconnectMaxMs: 40 });
    await conn.connect();
    const reconnected = next(conn, 'connected');
    await gateway.restart(150);
    await reconnected;
    const delays = named('ib.reconnect').map((e) => e.delay_ms);
    expect(delays.length).toBeGreaterThan(2);
    expect(delays.slice(0, 3)).toEqual([10, 20, 40]);
    expect(Math.max(...(delays as number[]))).toBe(40);
  });

  it('after 1100 keeps the socket, and after 1101/1102 re-opens every subscription', async () => {
    const { named, opened, conn } = await connectedWithStream();

    gateway.broadcast(1100);
    gateway.broadcast(2103);
    const restored = next(conn, 'restored');
    gateway.broadcast(1102);
    expect(await restored).toEqual([1102]);
    await gateway.waitFor((m) => m.name === 'CANCEL_MKT_DATA');
    // Re-opened under a new request id, on the same socket.
    const firstId = gateway.messages('REQ_MKT_DATA')[0]!.fields[1];
    await gateway.waitFor((m) => m.name === 'REQ_MKT_DATA' && m.fields[1] === String(Number(firstId) + 1));
    expect(gateway.sessionsOpened).toBe(1);
    expect(opened).toHaveLength(2);
    expect(named('ib.connectivity-lost')).toHaveLength(1);
    expect(named('ib.farm').some((e) => e.code === 2103 && e.level === 'warn')).toBe(true);
    expect(named('ib.disconnected')).toHaveLength(0);
  });

  it('the watchdog raises an alarm and reconnects when a subscription goes silent in market hours', async () => {
    const { named, conn } = await connectedWithStream({ watchdogMs: 150 });
    gateway.faults.silent = true; // the socket stays up, nothing arrives any more
    const [name, silentMs] = await next(conn, 'stale');
    expect(name).toBe('SPY quotes');
    expect(silentMs).toBeGreaterThanOrEqual(150);
    expect(named('ib.watchdog')[0]).toMatchObject({ level: 'error', subscription: 'SPY quotes' });
    gateway.faults.silent = false;
    await gateway.waitFor((m) => m.name === 'REQ_MKT_DATA' && m.session === 2);
  });

  it('the watchdog stays quiet outside market hours', async () => {
    gateway = await FakeGateway.start();
    conn = connectionTo(gateway, errors, testLogger().log, { watchdogMs: 30, isMarketOpen: () => false });
    await conn.connect();
    let stale = 0;
    conn.on('stale', () => stale++);
    conn.subscribe(quoteStream([]));
    await new Promise((r) => setTimeout(r, 150));
    expect(stale).toBe(0);
    expect(gateway.sessionsOpened).toBe(1);
  });
});
