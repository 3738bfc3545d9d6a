import { join } from 'node:path';
import { OptionMarket } from '../../src/backtest/option-market.js';
import { listedExpiries, sessionOn } from '../../src/calendar/index.js';
import { defaultSettings, type Settings } from '../../src/config/schema.js';
import type { BarColumns } from '../../src/core/bar.js';
import { DAY_MS, type TradingDate } from '../../src/core/time.js';
import type { Database } from '../../src/duckdb/database.js';
import { compareJournals, formatDifference, JOURNAL_TABLES } from '../../src/journal/compare-journals.js';
import { loadRun } from '../../src/journal/journal-reader.js';
import { SimulatedClock } from '../../src/runtime/clock.js';
import { runLive, type LiveRequest, type LiveResult } from '../../src/runtime/live-run.js';
import type { BarStore } from '../../src/venues/history/bar-store.js';

/** The bars a gateway serving `date` needs (the session and the day before), read once: it answers concurrent requests, one DuckDB connection cannot. */
export async function dayBars(store: BarStore, date: TradingDate): Promise<BarColumns> {
  const session = sessionOn(date)!;
  return store.readColumns('SPY', '1m', session.open - DAY_MS, session.close);
}
import { ibDate } from '../../src/venues/ib/ib-contracts.js';
import type { ClientErrors } from '../support/fake-gateway/client-errors.js';
import type { WireContract } from '../support/fake-gateway/client-messages.js';
import { FakeGateway, type FakeGatewayOptions } from '../support/fake-gateway/fake-gateway.js';
import { fixtureBarSource, type FixtureQuote } from '../support/fake-gateway/fixtures.js';

const MIN = 60_000;

export const liveSettings = (tweak: (s: Settings) => void = () => {}): Settings => {
  const s = defaultSettings();
  s.logging.file = '';
  tweak(s);
  return s;
};

/**
 * A fake gateway serving a stored session as IB would: the store's 1-minute bars, and quotes
 * priced by the backtest's own options model at the gateway's (simulated) clock from the last
 * closed bar — the quotes a backtest of that session sees. SPY's chain lists the calendar's
 * expiries and $1 strikes 300–800; option volume is 1000 (live chains have volume).
 */
export async function sessionGateway(spy: BarColumns, settings: Settings, clock: { now(): number }, date: TradingDate, more: FakeGatewayOptions = {}): Promise<FakeGateway> {
  const bars = fixtureBarSource({ SPY: spy });
  const model = new OptionMarket(settings);
  const spotAt = async (t: number) => (await bars.bars('SPY', t - 400 * MIN, t)).at(-1)?.close ?? NaN;
  const quoteFor = async (c: WireContract): Promise<FixtureQuote | undefined> => {
    const t = clock.now();
    const spot = await spotAt(t);
    if (!(spot > 0)) return undefined;
    if (c.secType === 'STK') return { bid: spot, ask: spot, last: spot, bidSize: 100, askSize: 100, volume: 1e6 };
    const expiry = `${c.lastTradeDate.slice(0, 4)}-${c.lastTradeDate.slice(4, 6)}-${c.lastTradeDate.slice(6, 8)}`;
    const q = model.modelQuote({ underlying: c.symbol, expiry, strike: c.strike, right: c.right as 'C' | 'P', multiplier: 100 }, t, spot);
    return q && { bid: q.bid, ask: q.ask, last: NaN, bidSize: 10, askSize: 10, volume: 1000 };
  };
  const strikes = Array.from({ length: 501 }, (_, i) => 300 + i);
  return FakeGateway.start({
    ...more,
    clock: () => clock.now(),
    fixtures: {
      now: () => clock.now(),
      bars,
      quoteFor,
      optionParams: { SPY: [{ exchange: 'SMART', tradingClass: 'SPY', multiplier: '100', expirations: listedExpiries(date, 60).map(ibDate), strikes }] },
      ...more.fixtures,
    },
  });
}

let runs = 0;

/** `optbot live` in process on a simulated clock from the session's open, against `gateway`, one session. */
export function liveDay(
  db: Database,
  settings: Settings,
  gateway: FakeGateway,
  clock: SimulatedClock,
  stateDir: string,
  errors: ClientErrors,
  more: Partial<LiveRequest> = {},
): Promise<LiveResult> {
  const runId = `live-${++runs}`;
  return runLive({
    db,
    settings,
    placeOrders: false,
    stateDir,
    runId,
    codeVersion: 'test',
    now: () => runs,
    clock,
    connection: { host: gateway.host, port: gateway.port, connectTimeoutMs: 2_000, reconnectInitialMs: 20, reconnectMaxMs: 100, requestTimeoutMs: 5_000, watchdogMs: 60_000, maxMessagesPerSecond: 10_000 },
    sessions: 1,
    ...more,
    onConnection: (conn) => {
      conn.on('ib-error', (e) => errors.add(e));
      more.onConnection?.(conn);
    },
  });
}

/** A simulated clock standing at `date`'s open. */
export const clockAtOpen = (date: TradingDate): SimulatedClock => new SimulatedClock(sessionOn(date)!.open, 'max');

export const stateIn = (dir: string, name: string): string => join(dir, name);

/**
 * The journal differences between a backtest and a live run of the same session: every table but
 * the logs, leaving out the run's mode and data sources (live's bars are tagged `ib-live`).
 */
export async function liveDifferences(db: Database, backtestRun: string, liveRun: string): Promise<string[]> {
  const tables = JOURNAL_TABLES.filter((t) => t !== 'logs');
  return compareJournals(await loadRun(db, backtestRun), await loadRun(db, liveRun), tables, { ignore: { run: ['mode', 'dataSources'] } }).map(formatDifference);
}
