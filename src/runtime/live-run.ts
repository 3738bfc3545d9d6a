import { isRegularHours, nextSession, sessionAt, sessionsBetween, type Session } from '../calendar/index.js';
import { CliError, ExitCode } from '../cli/exit-codes.js';
import { describeTarget, type OrderMode } from '../config/order-mode.js';
import type { Settings } from '../config/schema.js';
import type { Bar } from '../core/bar.js';
import type { Instrument } from '../core/order.js';
import { tradingDateOf } from '../calendar/index.js';
import type { EpochMs } from '../core/time.js';
import type { Database } from '../duckdb/database.js';
import { Engine } from '../engine/engine.js';
import { isCycleTime, planSession } from '../engine/session-clock.js';
import { JournalBuffer } from '../journal/journal-buffer.js';
import { JournalWriter } from '../journal/journal-writer.js';
import type { RunRecord } from '../journal/records.js';
import { createLogger } from '../logging/create-logger.js';
import type { Logger } from '../logging/logger.js';
import { StockMarketView } from '../backtest/stock-market-view.js';
import { readVixBars } from '../backtest/vix-bars.js';
import { barClosesSeries, type IvSeries } from '../options/iv-source.js';
import { BarStore } from '../venues/history/bar-store.js';
import { DryRunBroker } from '../venues/ib/dry-run-broker.js';
import { barColumns } from '../venues/ib/fetch-history.js';
import type { IbConnectionOptions } from '../venues/ib/connection-options.js';
import { connectionOptions } from '../venues/ib/connection-options.js';
import { IbConnection } from '../venues/ib/ib-connection.js';
import { IbBroker, type EngineBooks } from '../venues/ib/ib-broker.js';
import { IbConnectError } from '../venues/ib/ib-errors.js';
import { IbMarketData } from '../venues/ib/ib-market-data.js';
import { LiveFeed } from '../venues/ib/live-feed.js';
import { GatedMarketView } from '../venues/ib/live-market-view.js';
import { LiveOptionMarket } from '../venues/ib/live-option-market.js';
import { sendsOrders } from '../venues/ib/order-guard.js';
import { realTimers, type Timers } from '../venues/ib/timers.js';
import { SimBroker } from '../venues/sim/sim-broker.js';
import { StockPathSource } from '../venues/sim/stock-path-source.js';
import type { Clock } from './clock.js';
import { heartbeatAt, writeHeartbeat, type ConnectionState } from './heartbeat.js';
import type { UnderlyingFed } from './minute-step.js';
import { RunLoop, type SessionEnd } from './run-loop.js';
import { logHeartbeat } from './run-log.js';
import { JournalCheckpoint } from './journal-checkpoint.js';
import { restoredSessionParts, runtimeStateOf, type RestorableBroker, type SessionParts } from './session-parts.js';
import { StateFileStore, type LoadedState } from './state-file-store.js';
import type { MarketView } from '../engine/market-view.js';
import { instrumentKey, type PricePathSource } from '../venues/sim/price-path.js';

/** DuckDB's buffer pool in live mode (the default is 80 % of the machine's memory). */
const LIVE_DUCKDB_MEMORY = '64MB';

/** How late a cycle may be stepped and still open a position (the settle delay plus slack). */
const CATCH_UP_MS = 90_000;

/** The source tag of bars recorded by `optbot live`. */
export const LIVE_BAR_SOURCE = 'ib-live';

export interface LiveRequest {
  db: Database;
  settings: Settings;
  placeOrders: boolean;
  stateDir: string;
  runId: string;
  codeVersion: string;
  /** Wall clock, for the run row's start and end only. */
  now: () => number;
  /** The run loop's time: the wall clock live, a simulated clock against the fake gateway. */
  clock: Clock;
  /** The IB venue's timers (default: real ones; tests pass the simulated clock's `now`). */
  timers?: Timers;
  /** Connection overrides (tests: the fake gateway's port, short timeouts). */
  connection?: Partial<IbConnectionOptions>;
  /** Stop after this many sessions (default: run until stopped). */
  sessions?: number;
  consoleLog?: boolean;
  flushMinutes?: number;
  /** Told the account and the order mode once connected, before anything starts (the CLI prints it). */
  onConnected?: (target: LiveTarget) => void;
  /** Receives the connection before it connects (tests listen to its errors). */
  onConnection?: (conn: IbConnection) => void;
  /** Receives the stop function, e.g. to route SIGINT/SIGTERM to it. */
  onStop?: (stop: (reason: string) => void) => void;
}

export interface LiveTarget {
  account: string | null;
  mode: OrderMode;
  /** `describeTarget`: host, port, paper or live, account, what happens to orders. */
  line: string;
}

export interface LiveResult {
  run: RunRecord;
  end: SessionEnd;
  sessions: number;
  journal: JournalBuffer;
  conn: IbConnection;
}

type LiveSessionParts = { session: Session } & SessionParts<RestorableBroker>;

/**
 * `optbot live`: the rehearsal's run loop against IB Gateway. Bars and quotes come from IB;
 * orders go to the dry-run broker (the default: logged and simulated on live quotes) or, with
 * `dry_run: false` and `--place-orders`, to IB. Every bar received is recorded in the bar store
 * (source `ib-live`) and every decision in the journal (mode `live-dry-run` or `live`), so a live
 * day can be replayed with `optbot simulate` and compared with `optbot report --compare`.
 */
export async function runLive(req: LiveRequest): Promise<LiveResult> {
  const { settings, clock } = req;
  const mode: OrderMode = sendsOrders(settings, req.placeOrders) ? 'send' : 'dry-run';
  const symbols = settings.symbols.slice(0, settings.schedule.max_concurrent_symbols);
  const journal = new JournalBuffer();
  const log = createLogger(settings, req.runId, { now: () => clock.now(), console: req.consoleLog ?? false, extraSinks: [journal] });
  const store = await BarStore.fromDatabase(req.db);
  // Read before connecting: a config that cannot run fails before anything reaches IB.
  const vix =
    settings.backtest.instrument === 'option' && settings.backtest.pricing.iv_source === 'vix'
      ? await latestVix(store, settings, clock.now(), log).catch((e: unknown) => {
          log.close();
          throw e;
        })
      : undefined;
  const timers = req.timers ?? realTimers;
  const conn = new IbConnection(connectionOptions(settings.broker, isRegularHours, { ...req.connection, sendOrders: mode === 'send' }), log, timers);
  req.onConnection?.(conn);
  const info = await conn.connect().catch((e: unknown) => {
    log.close();
    if (e instanceof IbConnectError) throw new CliError(`IB Gateway ${settings.broker.host}:${settings.broker.port}: ${e.message}`, ExitCode.unreachable);
    throw e;
  });
  const account = info.accounts[0] ?? null;
  const target: LiveTarget = { account, mode, line: describeTarget(settings, req.placeOrders, account ?? undefined) };
  req.onConnected?.(target);
  log.info('live.start', target.line, { account, mode, client_id: info.clientId });

  // The Pi's budget: the store only takes small appends, so one DuckDB thread and a small buffer pool suffice.
  await req.db.connection.run(`SET threads = 1; SET memory_limit = '${LIVE_DUCKDB_MEMORY}'`);
  const states = new StateFileStore(req.stateDir);
  let current: LiveSessionParts | null = null;
  const md = new IbMarketData(conn, log, timers);
  const options = settings.backtest.instrument === 'option' ? new LiveOptionMarket(settings, md, () => (current ? heldInstruments(current.stepper.engine) : []), vix) : null;
  const missedAt = new Set<EpochMs>();
  const recorder = new BarRecorder(store, log);
  const vitals = { cycles: 0, lastBarTs: null as EpochMs | null, startedTs: clock.now() };

  const feed = new LiveFeed(md, log, async (symbol, t, bars, spot, ok) => {
    const plan = current ? planSession(current.session, settings.schedule) : null;
    const cycle = plan !== null && isCycleTime(plan, t);
    if (!ok) {
      missedAt.add(t);
      if (cycle) log.warn('live.cycle-missed', `${symbol} cycle at ${new Date(t).toISOString()} missed: no bars from IB (disconnected?)`, { symbol, at: t });
    }
    recorder.add(symbol, bars);
    const last = bars.at(-1);
    if (last && (vitals.lastBarTs === null || last.ts > vitals.lastBarTs)) vitals.lastBarTs = last.ts;
    if (options && ok) await options.prefetch(symbol, t, spot, cycle);
    if (symbol !== symbols[0] || current === null) return;
    if (cycle) vitals.cycles++;
  }, () => clock.now());

  /** Writes data/state/heartbeat.json for `optbot status`; logs it too unless the run loop already does. */
  const beat = (t: EpochMs, logIt: boolean) => {
    const snap = current?.stepper.engine.snapshot() ?? { day: null, positions: [] };
    const hb = heartbeatAt(
      t,
      {
        runId: req.runId,
        mode,
        startedTs: vitals.startedTs,
        intervalSeconds: settings.logging.heartbeat_seconds,
        cycles: vitals.cycles,
        lastBarTs: vitals.lastBarTs,
        connection: connectionState(conn),
        halted: snap.day?.halted ?? false,
        haltReason: snap.day?.haltReason ?? null,
        positions: snap.positions.map((p) => ({ ...p, entryFees: p.fees })),
      },
      { pid: process.pid, rssBytes: process.memoryUsage.rss() },
    );
    writeHeartbeat(req.stateDir, hb);
    if (logIt) logHeartbeat(log, hb);
  };

  // Send mode: the IB broker, one for the run (IB's books outlive sessions); it reconciles on every (re)connect.
  const ibBroker =
    mode === 'send'
      ? new IbBroker(conn, log, req.runId, () => clock.now(), () => engineBooks(current), {
          account: account ?? undefined,
          ignoreUnknown: settings.broker.unknown_holdings === 'ignore',
          timeoutMs: settings.broker.request_timeout_seconds * 1000,
        })
      : null;
  const market: MarketView = new GatedMarketView(options ?? new StockMarketView(), (ts) => {
    if (missedAt.has(ts)) return 'the bars of this minute could not be fetched from IB: no entry on stale data';
    // A restart catching up on the minutes it missed decides nothing on minutes long gone.
    if (clock.now() - ts > CATCH_UP_MS) return `catching up after a restart: the cycle at ${new Date(ts).toISOString()} is past`;
    return ibBroker?.entriesBlocked ?? null;
  });
  /** Sleeps until `t`, writing the heartbeat on its interval meanwhile (a bot waiting for the open is alive). */
  const waitWithHeartbeats = async (t: EpochMs): Promise<boolean> => {
    for (let now = clock.now(); now < t; now = clock.now()) {
      beat(now, true);
      if (!(await clock.sleepUntil(Math.min(t, now + settings.logging.heartbeat_seconds * 1000), idle.signal))) return false;
    }
    return true;
  };
  const paths: PricePathSource & UnderlyingFed = options ?? new StockPathSource();
  const first = sessionFrom(clock.now());
  const run: RunRecord = {
    runId: req.runId,
    mode: mode === 'send' ? 'live' : 'live-dry-run',
    settings,
    symbols,
    instrument: settings.backtest.instrument,
    dataFrom: first.open,
    dataTo: first.close,
    dataSources: [LIVE_BAR_SOURCE],
    codeVersion: req.codeVersion,
    startedAt: req.now(),
    endedAt: null,
  };
  const writer = await JournalWriter.begin(req.db, run, journal);
  const checkpoint = new JournalCheckpoint(journal, writer);
  const loop = new RunLoop({
    clock,
    feed,
    log,
    journal,
    symbols,
    flushJournal: async () => {
      await checkpoint.flush();
      await recorder.flush();
    },
    saveState: async (asOf) => states.save(runtimeStateOf(current!, asOf, req.runId, await checkpoint.tail())),
    heartbeatSeconds: settings.logging.heartbeat_seconds,
    onHeartbeat: () => beat(clock.now(), false),
    flushMinutes: req.flushMinutes,
  });
  const idle = new AbortController();
  req.onStop?.((reason) => {
    loop.stop(reason);
    idle.abort();
  });

  let end: SessionEnd = 'closed';
  let stepped = 0;
  try {
    for (let session = first; req.sessions === undefined || stepped < req.sessions; session = nextSession(session.date)) {
      const loaded = states.load();
      const from = resumePoint(loaded, session, req.stateDir);
      if (from === 'done') continue;
      if (clock.now() < session.open) {
        log.info('live.waiting', `waiting for the ${session.date} open`, { date: session.date, open: session.open });
        current = null;
        if (!(await waitWithHeartbeats(session.open))) {
          end = 'stopped';
          break;
        }
      }
      const broker: RestorableBroker = ibBroker ?? new DryRunBroker(SimBroker.fromSettings(settings.backtest, paths), log, req.runId);
      current = { session, ...restoredSessionParts(settings, journal, session, loaded, market, paths, broker) };
      await ibBroker?.reconcile();
      if (loaded.blocked) log.error('state.blocked', loaded.blocked);
      end = await loop.runSession(session, current.stepper, current.daily, { from: from ?? undefined });
      stepped++;
      if (end !== 'closed') break;
    }
    log.info('live.done', `${stepped} session(s), ${journal.trades.length} trades`, { sessions: stepped, trades: journal.trades.length, end });
    await writer.end(req.now());
    await recorder.flush();
  } finally {
    conn.close();
    log.close();
  }
  return { run, end, sessions: stepped, journal, conn };
}

/** The session to run now: today's while it has not closed, else the next one. */
function sessionFrom(now: EpochMs): Session {
  const today = sessionAt(now);
  if (today && now < today.close) return today;
  return nextSession(tradingDateOf(now));
}

/**
 * Where the saved state puts the start of `session`: null from the open (a state of an earlier
 * day carries over), the minute a restarted bot continues after, or 'done' when the day already
 * ran to its close. A state of a later date means the clock went back: refused.
 */
function resumePoint(loaded: LoadedState, session: Session, stateDir: string): EpochMs | null | 'done' {
  const s = loaded.state;
  if (s === null || s.date < session.date) return null;
  if (s.date > session.date) {
    throw new CliError(`the state in ${stateDir} is of ${s.date}, after ${session.date}: check the clock, or start over with \`optbot state reset --confirm\``, ExitCode.badInput);
  }
  return s.asOf >= session.close ? 'done' : s.asOf;
}

/** What the IB broker reconciles against: the engine's working orders and holdings (none before the first session). */
function engineBooks(parts: LiveSessionParts | null): EngineBooks {
  if (!parts) return { workingOrders: new Set(), held: new Map() };
  const s = parts.stepper.engine.snapshot();
  const held = new Map<string, number>();
  for (const p of s.positions) held.set(instrumentKey(p.instrument), (held.get(instrumentKey(p.instrument)) ?? 0) + p.quantity);
  return { workingOrders: new Set(s.orders.map((o) => o.orderId)), held };
}

/** The instruments the engine holds or works (open positions and working orders). */
function heldInstruments(engine: Engine): Instrument[] {
  const s = engine.snapshot();
  return [...s.positions.map((p) => p.instrument), ...s.orders.map((o) => o.instrument)];
}

const connectionState = (conn: IbConnection): ConnectionState =>
  conn.state === 'connected' ? 'connected' : conn.state === 'reconnecting' ? 'reconnecting' : 'disconnected';

/** Bars received from IB, written to the bar store (source `ib-live`) at each journal flush; stored bars are never rewritten. */
class BarRecorder {
  private pending = new Map<string, Map<EpochMs, Bar>>();

  constructor(
    private readonly store: BarStore,
    private readonly log: Logger,
  ) {}

  add(symbol: string, bars: readonly Bar[]): void {
    if (bars.length === 0) return;
    let m = this.pending.get(symbol);
    if (!m) this.pending.set(symbol, (m = new Map()));
    for (const b of bars) m.set(b.ts, b);
  }

  async flush(): Promise<void> {
    const pending = this.pending;
    this.pending = new Map();
    for (const [symbol, bars] of pending) {
      const sorted = [...bars.values()].sort((a, b) => a.ts - b.ts);
      const r = await this.store.insertBars(symbol, '1m', LIVE_BAR_SOURCE, barColumns(sorted), 'keep');
      this.log.debug('live.bars-recorded', `${symbol}: ${sorted.length} bar(s) recorded`, { symbol, bars: sorted.length, report: r as unknown as Record<string, unknown> });
    }
  }
}

/** Sessions after which the stored VIX is called stale. */
const VIX_STALE_SESSIONS = 5;

/**
 * For `iv_source: vix` live: the stored VIX up to now (the options model only shapes a minute's
 * marks around the live quotes, so the latest stored close serves), with a warning when it is
 * older than a few sessions; a clear error (exit 2) when the store has none.
 */
async function latestVix(store: BarStore, settings: Settings, now: EpochMs, log: Logger): Promise<IvSeries> {
  const vix = settings.backtest.pricing.vix;
  const bars = await readVixBars(store, vix, -Infinity, now);
  const last = bars.ts[bars.length - 1]!;
  const behind = sessionsBetween(tradingDateOf(last), tradingDateOf(now)).length - 1;
  if (behind > VIX_STALE_SESSIONS) {
    log.warn('live.vix-stale', `the latest stored ${vix.symbol} ${vix.bar_size} bar is of ${tradingDateOf(last)}, more than ${VIX_STALE_SESSIONS} sessions ago: the options model prices with it; store newer bars with \`optbot ingest FILE --symbol ${vix.symbol} --bar ${vix.bar_size}\``, {
      symbol: vix.symbol,
      last,
    });
  }
  return barClosesSeries(bars.ts, bars.close, vix.bar_size);
}
