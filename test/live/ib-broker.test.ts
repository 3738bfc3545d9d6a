import { describe, expect, it } from 'vitest';
import { sessionOn } from '../../src/calendar/index.js';
import { defaultSettings } from '../../src/config/schema.js';
import type { Action } from '../../src/core/signal.js';
import { MINUTE_MS, type EpochMs } from '../../src/core/time.js';
import { Engine } from '../../src/engine/engine.js';
import { JournalBuffer } from '../../src/journal/journal-buffer.js';
import { MemoryDailyStateStore } from '../../src/risk/daily-state.js';
import { MinuteStepper } from '../../src/runtime/minute-step.js';
import { IbBroker, type EngineBooks } from '../../src/venues/ib/ib-broker.js';
import type { IbConnection } from '../../src/venues/ib/ib-connection.js';
import { instrumentKey } from '../../src/venues/sim/price-path.js';
import { failOnDecodeErrors } from '../support/fake-gateway/client-errors.js';
import { FakeGateway, type FakeGatewayOptions } from '../support/fake-gateway/fake-gateway.js';
import { SPY_CONTRACT } from '../support/fake-gateway/fixtures.js';
import { scenarioMarket } from '../support/scenario.js';
import { scriptedStrategy } from '../support/scripted-strategy.js';
import { closeAfterEach, connectionTo, testLogger } from '../ib/helpers.js';

const errors = failOnDecodeErrors();
const SESSION = sessionOn('2024-04-01')!;
const at = (minutes: number): EpochMs => SESSION.open + minutes * MINUTE_MS;
const CYCLE = at(5); // 09:35
let gateway: FakeGateway;
let conn: IbConnection | undefined;

closeAfterEach(() => ({ conn, gateway }));

/** Waits (real time) until `ok` holds. */
async function until(ok: () => boolean, what: string, ms = 3_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The real engine with a scripted BUY at 09:35 on the hand-computable option market, stepping into the IB broker. */
async function setup(opts: FakeGatewayOptions = {}, ignoreUnknown = false, cycles: EpochMs[] = [CYCLE]) {
  gateway = await FakeGateway.start({ ...opts, fixtures: { nextOrderId: 1000, ...opts.fixtures } });
  const { log, named } = testLogger();
  conn = connectionTo(gateway, errors, log, { sendOrders: true });
  await conn.connect();
  const settings = defaultSettings();
  settings.logging.file = '';
  const journal = new JournalBuffer();
  const market = scenarioMarket('2024-04-05');
  const script = new Map<EpochMs, Action>(cycles.map((t) => [t, 'BUY']));
  const engine = new Engine(settings, { strategies: [scriptedStrategy(script)], market, journal, dailyState: new MemoryDailyStateStore() });
  let now = SESSION.open;
  const books = (): EngineBooks => {
    const s = engine.snapshot();
    return { workingOrders: new Set(s.orders.map((o) => o.orderId)), held: new Map(s.positions.map((p) => [instrumentKey(p.instrument), p.quantity])) };
  };
  const broker = new IbBroker(conn, log, 'run1', () => now, books, { account: 'DU1234567', ignoreUnknown, timeoutMs: 2_000 });
  await broker.reconcile();
  const stepper = new MinuteStepper(engine, broker, { setBar() {} });
  let minute = 0;
  /** Steps minutes up to `m` (flat bars at 500). */
  const stepTo = (m: number) => {
    for (; minute < m; ) {
      minute++;
      now = at(minute);
      stepper.step(now, [{ symbol: 'SPY', bar: { ts: at(minute - 1), open: 500, high: 500, low: 500, close: 500, volume: 1000 } }]);
    }
  };
  return { broker, journal, engine, stepTo, named };
}

const placeOrders = () => gateway.messages('PLACE_ORDER').map((m) => m.fields);

describe('the IB broker against the fake gateway', () => {
  it("a bracket's exact wire messages; acceptance, fills and IB's commissions flow into the journal; OCA cancels the other child", async () => {
    const { journal, stepTo } = await setup();
    stepTo(5);
    await until(() => placeOrders().length === 3, 'three PLACE_ORDER');
    const [p, tp, sl] = placeOrders();
    // id, conId, symbol, secType, expiry, strike, right, multiplier, exchange, primaryExch, currency, localSymbol, tradingClass, secIdType, secId,
    // action, quantity, type, lmtPrice, auxPrice, tif, ocaGroup, account, openClose, origin, orderRef, transmit, parentId
    expect(p!.slice(0, 9)).toEqual(['1000', '', 'SPY', 'OPT', '20240405', '500', 'C', '100', 'SMART']);
    expect(p!.slice(15, 28)).toEqual(['BUY', '49', 'LMT', '2.02', '', 'DAY', '', 'DU1234567', '', '', 'optbot:run1:SPY-20240401T133500Z-P', '0', '']);
    const oca = 'optbot:run1:SPY-20240401T133500Z-OCO';
    expect(tp!.slice(15, 28)).toEqual(['SELL', '49', 'LMT', '2.42', '', 'DAY', oca, 'DU1234567', '', '', 'optbot:run1:SPY-20240401T133500Z-TP', '0', '1000']);
    expect(sl!.slice(15, 28)).toEqual(['SELL', '49', 'STP', '', '1.82', 'DAY', oca, 'DU1234567', '', '', 'optbot:run1:SPY-20240401T133500Z-SL', '1', '1000']);
    expect(tp![0]).toBe('1001');
    expect(sl![0]).toBe('1002');

    await until(() => gateway.orders.orders.get(1002)?.status === 'PreSubmitted', 'the bracket transmitted');
    await new Promise((r) => setTimeout(r, 50));
    stepTo(6);
    expect(journal.orders.filter((o) => o.status === 'working').map((o) => o.orderId)).toEqual(['SPY-20240401T133500Z-P', 'SPY-20240401T133500Z-TP', 'SPY-20240401T133500Z-SL']);

    gateway.orders.fill(1000, 2.01);
    await new Promise((r) => setTimeout(r, 100));
    stepTo(7);
    expect(journal.fills).toEqual([expect.objectContaining({ orderId: 'SPY-20240401T133500Z-P', quantity: 49, price: 2.01, fees: 0.65 * 49 })]);
    gateway.orders.fill(1001, 2.42);
    await new Promise((r) => setTimeout(r, 100));
    stepTo(8);
    expect(journal.fills.at(-1)).toEqual(expect.objectContaining({ orderId: 'SPY-20240401T133500Z-TP', price: 2.42 }));
    expect(journal.orders.find((o) => o.orderId === 'SPY-20240401T133500Z-SL' && o.status === 'cancelled')?.reason).toBe('IB: Cancelled');
    expect(journal.trades).toHaveLength(1);
  });

  it('an order filled in parts reaches the core once complete: summed quantity and commissions, average price', async () => {
    const { journal, stepTo } = await setup();
    stepTo(5);
    await until(() => gateway.orders.orders.get(1002)?.status === 'PreSubmitted', 'the bracket transmitted');
    gateway.orders.fill(1000, 2.0, 0.65, 20);
    await new Promise((r) => setTimeout(r, 100));
    stepTo(6);
    expect(journal.fills).toEqual([]);
    gateway.orders.fill(1000, 2.02, 0.65, 29);
    await new Promise((r) => setTimeout(r, 100));
    stepTo(7);
    expect(journal.fills).toEqual([expect.objectContaining({ orderId: 'SPY-20240401T133500Z-P', quantity: 49 })]);
    expect(journal.fills[0]!.price).toBeCloseTo((20 * 2.0 + 29 * 2.02) / 49, 12);
    expect(journal.fills[0]!.fees).toBeCloseTo(0.65 * 49, 12);
  });

  it('a rejection (201) is journalled with IB\'s text', async () => {
    const text = 'Order rejected - reason:YOUR ORDER IS NOT ACCEPTED. IN ORDER TO OBTAIN THE DESIRED POSITION YOUR EQUITY WITH LOAN VALUE MUST EXCEED 1000 USD';
    const { journal, stepTo } = await setup({ faults: { rejectOrders: [{ match: '-P', code: 201, text }] } });
    stepTo(5);
    await until(() => placeOrders().length === 3, 'three PLACE_ORDER');
    await new Promise((r) => setTimeout(r, 100));
    stepTo(6);
    const rejected = journal.orders.find((o) => o.orderId === 'SPY-20240401T133500Z-P' && o.status === 'rejected');
    expect(rejected?.reason).toBe(`IB 201: ${text}`);
  });

  it('a drop in the middle of a bracket: nothing is placed twice, order ids never reused', async () => {
    const { journal, stepTo, broker } = await setup({ faults: { dropAfterPlaceOrders: 2 } }, false, [CYCLE, at(10)]);
    stepTo(5);
    await until(() => gateway.sessionsOpened >= 2 && broker.entriesBlocked === null, 'reconnect and reconciliation');
    await new Promise((r) => setTimeout(r, 100));
    stepTo(6);
    // The parent and the take-profit reached IB untransmitted; the stop was lost with the link.
    expect(placeOrders().map((f) => f[0])).toEqual(['1000', '1001']);
    // The core hears the entry rejected (its children end with it) and never submits the bracket again.
    expect(journal.orders.filter((o) => o.status !== 'pending').map((o) => `${o.orderId} ${o.status}: ${o.reason}`)).toEqual([
      'SPY-20240401T133500Z-P rejected: SPY-20240401T133500Z-P: the connection dropped before IB acknowledged it; cancelled at IB, never placed again',
      'SPY-20240401T133500Z-TP cancelled: parent ended unfilled',
      'SPY-20240401T133500Z-SL cancelled: parent ended unfilled',
    ]);
    expect(gateway.messages('CANCEL_ORDER').map((m) => m.fields[0]).sort()).toEqual(['1000', '1001', '1002']);
    expect([...gateway.orders.orders.values()].map((o) => o.status)).toEqual(['Cancelled', 'Cancelled']);
    // The next bracket takes fresh ids: IB's nextValidId after the reconnect (1002) was already given to the lost stop.
    stepTo(10);
    await until(() => placeOrders().length === 5, 'the 09:40 bracket');
    expect(placeOrders().map((f) => f[0])).toEqual(['1000', '1001', '1003', '1004', '1005']);
  });

  it('an order filled while disconnected is reconciled on reconnect: the missed fill reaches the journal', async () => {
    const { journal, stepTo, named } = await setup();
    stepTo(5);
    await until(() => gateway.orders.orders.get(1002)?.status === 'PreSubmitted', 'the bracket transmitted');
    await new Promise((r) => setTimeout(r, 50));
    stepTo(6);
    gateway.resetConnections();
    gateway.orders.fill(1000, 2.0, 0.5); // nobody connected: IB keeps the execution
    await until(() => named('ib.reconcile').length >= 2, 'the reconciliation after the reconnect');
    stepTo(7);
    expect(named('ib.missed-fill')).toHaveLength(1);
    expect(journal.fills).toEqual([expect.objectContaining({ orderId: 'SPY-20240401T133500Z-P', quantity: 49, price: 2.0, fees: 0.5 * 49 })]);
    expect(placeOrders()).toHaveLength(3);
  });

  it('an unknown position at IB blocks entries until resolved; the setting lets the bot trade anyway', async () => {
    const position = { contract: SPY_CONTRACT, position: 100, avgCost: 500 };
    const { broker, journal, stepTo } = await setup({ fixtures: { positions: [position] } });
    expect(broker.entriesBlocked).toMatch(/^entries blocked: IB holds what the bot cannot account for \(SPY: IB holds 100, the bot 0\)/);
    stepTo(6);
    await new Promise((r) => setTimeout(r, 100));
    expect(placeOrders()).toEqual([]);
    expect(journal.orders.find((o) => o.status === 'rejected')?.reason).toMatch(/: entries blocked: IB holds what the bot cannot account for/);
    conn!.close();
    await gateway.stop();
    const relaxed = await setup({ fixtures: { positions: [position] } }, true);
    expect(relaxed.broker.entriesBlocked).toBeNull();
    relaxed.stepTo(5);
    await until(() => placeOrders().length === 3, 'the bracket placed once the setting says ignore');
  });
});
