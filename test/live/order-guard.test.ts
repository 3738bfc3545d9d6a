import { describe, expect, it } from 'vitest';
import { OrderAction, OrderType, type Contract, type Order } from '@stoqey/ib';
import { defaultSettings } from '../../src/config/schema.js';
import type { IbConnection } from '../../src/venues/ib/ib-connection.js';
import { stockContract } from '../../src/venues/ib/ib-contracts.js';
import { DryRunViolation, sendsOrders } from '../../src/venues/ib/order-guard.js';
import { failOnDecodeErrors } from '../support/fake-gateway/client-errors.js';
import { FakeGateway } from '../support/fake-gateway/fake-gateway.js';
import { closeAfterEach, connectionTo, testLogger } from '../ib/helpers.js';

const errors = failOnDecodeErrors();
let gateway: FakeGateway;
let conn: IbConnection | undefined;

closeAfterEach(() => ({ conn, gateway }));

const SPY: Contract = stockContract('SPY');
const ORDER: Order = { action: OrderAction.BUY, orderType: OrderType.LMT, totalQuantity: 1, lmtPrice: 500, transmit: true, orderRef: 'guard-test' };

/** Lets the rate limiters and the socket flush whatever was queued. */
const settle = () => new Promise((r) => setTimeout(r, 150));

interface Internals {
  controller: { encoder: { placeOrder(id: number, c: Contract, o: Order): void; cancelOrder(id: number, p: unknown): void; reqGlobalCancel(p: unknown): void } };
}

describe('the dry-run guard lives in the IB connection', () => {
  it('sends orders only with dry_run false AND --place-orders AND not read-only', () => {
    const s = defaultSettings();
    expect(sendsOrders(s, true)).toBe(false);
    const live = { ...s, dry_run: false };
    expect(sendsOrders(live, false)).toBe(false);
    expect(sendsOrders(live, true)).toBe(true);
    expect(sendsOrders({ ...live, broker: { ...live.broker, read_only: true } }, true)).toBe(false);
  });

  it('a default connection refuses order methods and drops order messages encoded behind its back', async () => {
    gateway = await FakeGateway.start();
    const { log, named } = testLogger();
    conn = connectionTo(gateway, errors, log);
    await conn.connect();
    const api = conn.session.api;
    expect(() => api.placeOrder(1, SPY, ORDER)).toThrow(DryRunViolation);
    expect(() => api.cancelOrder(1)).toThrow(DryRunViolation);
    expect(() => api.reqGlobalCancel()).toThrow(DryRunViolation);
    // Bypass the methods: encode straight through the library's internals.
    const internals = api as unknown as Internals;
    internals.controller.encoder.placeOrder(7, SPY, ORDER);
    internals.controller.encoder.cancelOrder(7, {});
    internals.controller.encoder.reqGlobalCancel({});
    api.reqCurrentTime();
    await gateway.waitFor((m) => m.name === 'REQ_CURRENT_TIME');
    await settle();
    expect(gateway.orderMessages()).toEqual([]);
    expect(named('ib.dry-run-guard')).toHaveLength(3);
  });

  it('the guard holds on every connection, also after a reconnect', async () => {
    gateway = await FakeGateway.start();
    const { log } = testLogger();
    conn = connectionTo(gateway, errors, log);
    await conn.connect();
    const reconnected = new Promise((r) => conn!.once('connected', r));
    gateway.resetConnections();
    await reconnected;
    expect(gateway.sessionsOpened).toBe(2);
    expect(() => conn!.session.api.placeOrder(2, SPY, ORDER)).toThrow(DryRunViolation);
    (conn.session.api as unknown as Internals).controller.encoder.placeOrder(2, SPY, ORDER);
    await settle();
    expect(gateway.orderMessages()).toEqual([]);
  });

  it('a send-mode connection does put PLACE_ORDER on the socket', async () => {
    gateway = await FakeGateway.start();
    const { log } = testLogger();
    conn = connectionTo(gateway, errors, log, { sendOrders: true });
    await conn.connect();
    conn.session.api.placeOrder(5, SPY, ORDER);
    const m = await gateway.waitFor((x) => x.name === 'PLACE_ORDER');
    expect(m.fields).toContain('guard-test');
  });
});
