import { sessionsBetween, type Session } from '../calendar/index.js';
import { CliError, ExitCode } from '../cli/exit-codes.js';
import type { Settings } from '../config/schema.js';
import { MINUTE_MS, type EpochMs, type TradingDate } from '../core/time.js';
import type { Database } from '../duckdb/database.js';
import { JournalBuffer } from '../journal/journal-buffer.js';
import { JournalWriter } from '../journal/journal-writer.js';
import type { RunRecord } from '../journal/records.js';
import { createLogger } from '../logging/create-logger.js';
import { computeStatistics, type Statistics } from '../stats/statistics.js';
import { loadVix } from '../backtest/backtest-run.js';
import { marketFor } from '../backtest/market-for.js';
import { BarStore } from '../venues/history/bar-store.js';
import { ReplayFeed } from '../venues/replay/replay-feed.js';
import { SimBroker } from '../venues/sim/sim-broker.js';
import { SimulatedClock, type Speed } from './clock.js';
import { restoredSessionParts, runtimeStateOf, type SessionParts } from './session-parts.js';
import { carriedJournal } from './journal-carry.js';
import { heartbeatAt, writeHeartbeat } from './heartbeat.js';
import { JournalCheckpoint } from './journal-checkpoint.js';
import type { UnderlyingFed } from './minute-step.js';
import { RunLoop, type SessionEnd } from './run-loop.js';
import type { RuntimeState } from './runtime-state.js';
import { StateFileStore, type LoadedState } from './state-file-store.js';

export interface RehearsalRequest {
  db: Database;
  settings: Settings;
  from: TradingDate;
  /** Last trading date (default: `from`). */
  to?: TradingDate;
  speed: Speed;
  stateDir: string;
  runId: string;
  codeVersion: string;
  /** Wall clock, for the run row's start and end only. */
  now: () => number;
  /** "HH:MM" (America/New_York) of the first session: crash right after that minute. */
  crashAt?: string;
  /** Continue the first session from the state a crashed run left in `stateDir`. */
  resume?: boolean;
  consoleLog?: boolean;
  flushMinutes?: number;
  /** Receives the loop before it starts, e.g. to route SIGINT/SIGTERM to `loop.stop`. */
  onLoop?: (loop: RunLoop) => void;
}

export interface RehearsalResult {
  run: RunRecord;
  end: SessionEnd;
  /** Sessions stepped (a session without stored bars is skipped, as the backtest does). */
  sessions: number;
  journal: JournalBuffer;
  statistics: Statistics;
  /** The minute the last state save was taken after (null: none). */
  savedAsOf: EpochMs | null;
}

/**
 * `optbot simulate`: the live run loop over stored bars with a simulated clock and the simulated
 * broker. Every session starts from the state store, as the Pi does every morning: the engine
 * and the broker are rebuilt and restored from the saved state (whale cooldowns, equity, open
 * positions carry over; a state of an earlier date never halts the new day).
 */
export async function rehearse(req: RehearsalRequest): Promise<RehearsalResult> {
  const { settings, db } = req;
  const sessions = sessionsBetween(req.from, req.to ?? req.from);
  if (sessions.length === 0) throw new CliError(`no trading session between ${req.from} and ${req.to ?? req.from}`, ExitCode.badInput);
  const first = sessions[0]!;
  const crashAt = req.crashAt === undefined ? undefined : minuteOf(first, req.crashAt);
  const symbols = settings.symbols.slice(0, settings.schedule.max_concurrent_symbols);
  const store = await BarStore.fromDatabase(db);
  const series = await store.series();
  for (const symbol of symbols) {
    if (!series.some((s) => s.symbol === symbol && s.barSize === '1m')) {
      throw new CliError(`no 1-minute bars of ${symbol} in the store: run \`optbot data sample\` or \`optbot ingest FILE --symbol ${symbol}\``, ExitCode.badInput);
    }
  }
  const vix = settings.backtest.instrument === 'option' && settings.backtest.pricing.iv_source === 'vix' ? await loadVix(store, settings, first.open, sessions.at(-1)!.close) : undefined;
  const realizedIv = settings.backtest.instrument === 'option' && settings.backtest.pricing.iv_source === 'realized';
  const states = new StateFileStore(req.stateDir);
  const start = states.load();
  const resumeFrom = checkStartingState(start, first, req);

  const startedAt = req.now();
  const clock = new SimulatedClock(resumeFrom ?? first.open, req.speed);
  const feed = new ReplayFeed(store, clock, settings.backtest.instrument === 'option' ? { pricing: settings.backtest.pricing, vix } : null);
  const journal = resumeFrom === null ? new JournalBuffer() : await carriedJournal(db, start.state!.runId, start.state!.journal);
  const run: RunRecord = {
    runId: req.runId,
    mode: 'simulation',
    settings,
    symbols,
    instrument: settings.backtest.instrument,
    dataFrom: first.open,
    dataTo: sessions.at(-1)!.close,
    dataSources: [...new Set(series.filter((s) => symbols.includes(s.symbol) && s.barSize === '1m').flatMap((s) => s.sources))],
    codeVersion: req.codeVersion,
    startedAt,
    endedAt: null,
  };
  const writer = await JournalWriter.begin(db, run, journal);
  const log = createLogger(settings, req.runId, { now: () => clock.now(), console: req.consoleLog ?? false, extraSinks: [journal] });
  let current: ({ session: Session } & SessionParts<SimBroker>) | null = null;
  const checkpoint = new JournalCheckpoint(journal, writer);
  let savedAsOf: EpochMs | null = null;
  let lastHeartbeatWall = -Infinity;
  const loop = new RunLoop({
    clock,
    feed,
    log,
    journal,
    symbols,
    flushJournal: () => checkpoint.flush(),
    saveState: async (asOf) => {
      states.save(runtimeStateOf(current!, asOf, req.runId, await checkpoint.tail()));
      savedAsOf = asOf;
    },
    heartbeatSeconds: settings.logging.heartbeat_seconds,
    onHeartbeat: (vitals) => {
      // data/state/heartbeat.json for `optbot status`, stamped with the wall clock it is read against; at most once a wall second.
      const wall = req.now();
      if (wall - lastHeartbeatWall < 1000) return;
      lastHeartbeatWall = wall;
      const intervalSeconds = req.speed === 'max' ? 1 : Math.max(1, settings.logging.heartbeat_seconds / req.speed);
      const identity = { runId: req.runId, mode: 'simulate' as const, startedTs: startedAt, intervalSeconds, connection: 'connected' as const };
      writeHeartbeat(req.stateDir, heartbeatAt(wall, { ...identity, ...vitals }, { pid: process.pid, rssBytes: process.memoryUsage.rss() }));
    },
    flushMinutes: req.flushMinutes,
  });
  req.onLoop?.(loop);
  log.info('simulate.start', `${first.date} → ${sessions.at(-1)!.date}, speed ${req.speed}, ${settings.backtest.instrument} mode, state in ${req.stateDir}`, {
    from: first.date,
    to: sessions.at(-1)!.date,
    speed: req.speed,
    resumedFrom: resumeFrom === null ? null : start.state!.runId,
  });
  if (start.blocked) log.error('state.blocked', start.blocked);

  let end: SessionEnd = 'closed';
  let stepped = 0;
  for (const session of sessions) {
    const counts = await feed.openSession(session, symbols);
    if (Object.values(counts).every((n) => n === 0)) {
      log.warn('session.no-data', `${session.date}: no stored bars, skipped`, { date: session.date });
      continue;
    }
    const resuming = session === first && resumeFrom !== null;
    const startAt = resuming ? resumeFrom : session.open;
    clock.jumpTo(startAt);
    const { market, paths } = marketFor(settings, vix);
    // A realised-vol window is the run's closes so far: rebuilt from the stored bars at every restart.
    if (realizedIv) await replayCloses(paths, store, symbols, first.open, startAt);
    current = { session, ...restoredSessionParts(settings, journal, session, states.load(), market, paths, SimBroker.fromSettings(settings.backtest, paths)) };
    end = await loop.runSession(session, current.stepper, current.daily, { from: resuming ? resumeFrom : undefined, crashAt: session === first ? crashAt : undefined });
    stepped++;
    if (end !== 'closed') break;
  }
  const statistics = computeStatistics(journal.trades, journal.tables().equity, settings.backtest.initial_equity);
  if (end !== 'crashed') {
    log.info('simulate.done', `${stepped} session(s), ${journal.trades.length} trades`, { sessions: stepped, trades: journal.trades.length, end });
    await writer.end(req.now());
  }
  log.close();
  return { run, end, sessions: stepped, journal, statistics, savedAsOf };
}

/**
 * Feeds `paths` the stored bars of `symbols` that started in [from, to), minute by minute in the
 * symbols' order, as the stepper fed them: what a restarted options model needs to hold the same
 * realised-vol window as a run that never restarted (the backtest's, over the same dates).
 */
async function replayCloses(paths: UnderlyingFed, store: BarStore, symbols: readonly string[], from: EpochMs, to: EpochMs): Promise<void> {
  if (to <= from) return;
  const series = await Promise.all(symbols.map(async (symbol) => ({ symbol, bars: await store.readColumns(symbol, '1m', from, to), next: 0 })));
  for (;;) {
    let t = Infinity;
    for (const s of series) if (s.next < s.bars.length) t = Math.min(t, s.bars.ts[s.next]!);
    if (t === Infinity) return;
    for (const s of series) {
      const i = s.next;
      if (i < s.bars.length && s.bars.ts[i] === t) {
        paths.setBar(s.symbol, t, s.bars.open[i]!, s.bars.high[i]!, s.bars.low[i]!, s.bars.close[i]!);
        s.next++;
      }
    }
  }
}

/**
 * Whether the saved state fits the run: `--resume` needs an unfinished state of the first date
 * (returns the minute to resume after); a fresh run refuses a state of that date or later
 * (time cannot go back) and carries an earlier one over (returns null).
 */
function checkStartingState(loaded: LoadedState, first: Session, req: RehearsalRequest): EpochMs | null {
  const s: RuntimeState | null = loaded.state;
  const where = `the state in ${req.stateDir}`;
  if (req.resume) {
    if (s === null || s.date !== first.date) throw new CliError(`nothing to resume: ${where} ${s ? `is of ${s.date}, not ${first.date}` : 'is empty'}`, ExitCode.badInput);
    if (s.asOf >= first.close) throw new CliError(`nothing to resume: ${where} says ${first.date} already ran to its close`, ExitCode.badInput);
    return s.asOf;
  }
  if (s !== null && s.date >= first.date) {
    throw new CliError(
      `${where} is of ${s.date} (saved by run ${s.runId}): continue a crashed ${first.date} with --resume, or start over with \`optbot state reset --confirm --state-dir ${req.stateDir}\``,
      ExitCode.badInput,
    );
  }
  return null;
}

/** The minute "HH:MM" (America/New_York) of `session`, checked to lie inside it. */
function minuteOf(session: Session, hhmm: string): EpochMs {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  const t = m ? session.open + ((Number(m[1]) - 9) * 60 + Number(m[2]) - 30) * MINUTE_MS : NaN;
  if (!(t > session.open && t <= session.close)) throw new CliError(`--crash-at ${hhmm}: expected HH:MM within ${session.date}'s session (after the open, up to the close)`, ExitCode.badInput);
  return t;
}
