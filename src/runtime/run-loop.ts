import type { Session } from '../calendar/index.js';
import { MINUTE_MS, type EpochMs } from '../core/time.js';
import type { Command } from '../engine/commands.js';
import type { JournalBuffer } from '../journal/journal-buffer.js';
import type { Logger } from '../logging/logger.js';
import type { Clock } from './clock.js';
import type { RunVitals } from './heartbeat.js';
import type { MarketDataPort } from './market-data-port.js';
import type { MinuteStepper, StepBroker, SymbolBar } from './minute-step.js';
import type { TrackedDailyState } from './tracked-daily-state.js';

export interface RunLoopDeps {
  clock: Clock;
  feed: MarketDataPort;
  log: Logger;
  journal: JournalBuffer;
  /** The symbols the engine cycles (the first `schedule.max_concurrent_symbols`): fetched concurrently each minute. */
  symbols: readonly string[];
  /** Makes the journal durable up to now (a JournalWriter flush). */
  flushJournal: () => Promise<void>;
  /**
   * Saves the runtime state atomically as of minute `asOf`. Called without a flush after a minute
   * that changed the state, so the state must carry the journal rows written since the last flush.
   */
  saveState: (asOf: EpochMs) => Promise<void> | void;
  /** Seconds of the loop's clock between heartbeats (`logging.heartbeat_seconds`). */
  heartbeatSeconds: number;
  /** Receives each heartbeat's vitals (live and rehearsals write data/state/heartbeat.json for `optbot status`). */
  onHeartbeat?: (vitals: LoopVitals) => void;
  /** Minutes between journal flushes when nothing changed (default 15)… */
  flushMinutes?: number;
  /** …and at least this much wall time (default 1000 ms), so a fast rehearsal does not flush every few simulated minutes. */
  flushWallMs?: number;
}

/** What the loop knows at a heartbeat; the caller adds the run's identity and the process figures. */
export type LoopVitals = Pick<RunVitals, 'cycles' | 'lastBarTs' | 'halted' | 'haltReason' | 'positions'> & { equity: number };

/** How a session ended: at its close, by a graceful stop, or by a (rehearsed) crash. */
export type SessionEnd = 'closed' | 'stopped' | 'crashed';

export interface SessionOptions {
  /** The minute the session resumes after (default: the open). */
  from?: EpochMs;
  /** Rehearse a crash right after stepping this minute: no flush, no save, no cancels. */
  crashAt?: EpochMs;
}

/**
 * The loop live mode and rehearsals share. Each minute of a session it waits for the clock, asks
 * the market-data port for the bars that closed (all cycle symbols at once), journals them, takes
 * the shared minute step (broker → engine → tick → commands), logs one line per symbol at each
 * cycle, and, when the minute changed anything the engine keeps, saves the state; the journal is
 * flushed every `flushMinutes`, at the close and on a stop. A stop request ends the session at the next minute: no new cycle, working entry
 * orders cancelled, journal and state flushed.
 */
export class RunLoop {
  private readonly abort = new AbortController();
  private stopReason = '';
  private cycles = 0;
  private lastBarTs: EpochMs | null = null;

  constructor(private readonly deps: RunLoopDeps) {}

  /** Asks for a graceful stop (SIGINT/SIGTERM); the current minute finishes first. */
  stop(reason: string): void {
    if (this.abort.signal.aborted) return;
    this.stopReason = reason;
    this.abort.abort();
  }

  get stopping(): boolean {
    return this.abort.signal.aborted;
  }

  /** Routes SIGINT and SIGTERM to `stop`; returns the function that removes the handlers. */
  handleSignals(): () => void {
    const onSignal = (signal: NodeJS.Signals) => this.stop(signal);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    return () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    };
  }

  async runSession(session: Session, stepper: MinuteStepper<StepBroker>, daily: TrackedDailyState, opts: SessionOptions = {}): Promise<SessionEnd> {
    const { clock, log, journal } = this.deps;
    const heartbeatMs = this.deps.heartbeatSeconds * 1000;
    const flushMs = (this.deps.flushMinutes ?? 15) * MINUTE_MS;
    let last = opts.from ?? session.open;
    const flushWallMs = this.deps.flushWallMs ?? 1000;
    let lastFlush = last;
    let lastFlushWall = performance.now();
    let lastHeartbeat = last;
    const barsSeen = await this.barsClosedBy(last);
    log.info('session.start', `${session.date} ${opts.from === undefined ? 'from the open' : `resumed after ${hhmm(last)}`}`, { date: session.date, from: last });

    for (let t = last + MINUTE_MS; t <= session.close; t += MINUTE_MS) {
      if (!(await clock.sleepUntil(t, this.abort.signal)) || this.stopping) return this.stopGracefully(stepper, last);
      const fresh = await this.fetchBars(t, last);
      last = t;
      for (const b of fresh) {
        journal.bar(b.symbol, b.bar);
        barsSeen[b.symbol] = (barsSeen[b.symbol] ?? 0) + 1;
        this.lastBarTs = b.bar.ts;
      }
      const before = marksOf(journal);
      stepper.step(t, fresh);
      this.logCycle(before, barsSeen);
      if (daily.dirty || ordersMoved(journal, before)) {
        await this.deps.saveState(t);
        daily.dirty = false;
      }
      if (t - lastFlush >= flushMs && performance.now() - lastFlushWall >= flushWallMs) {
        await this.deps.flushJournal();
        lastFlush = t;
        lastFlushWall = performance.now();
      }
      if (t - lastHeartbeat >= heartbeatMs) {
        lastHeartbeat = t;
        this.heartbeat(stepper, barsSeen);
      }
      if (t === opts.crashAt) {
        log.error('loop.crash', `rehearsed crash after ${hhmm(t)}: no flush, no save, no cancels`, { at: t });
        return 'crashed';
      }
    }
    await this.checkpoint(session.close);
    log.info('session.end', `${session.date} closed`, { date: session.date, equity: stepper.engine.equity });
    return 'closed';
  }

  /** Flushes the journal, then saves the state: at the close and on a graceful stop. */
  private async checkpoint(asOf: EpochMs): Promise<void> {
    await this.deps.flushJournal();
    await this.deps.saveState(asOf);
  }

  private async stopGracefully(stepper: MinuteStepper<StepBroker>, last: EpochMs): Promise<SessionEnd> {
    const cancels: Command[] = stepper.engine
      .snapshot()
      .pendingEntries.map((b) => ({ type: 'Cancel', ts: last, orderId: b.parent.orderId, reason: `graceful stop (${this.stopReason})` }));
    this.deps.log.warn('loop.stop', `${this.stopReason}: no new cycles; ${cancels.length} working entry order(s) cancelled; journal and state flushed`, {
      reason: this.stopReason,
      cancelled: cancels.length,
    });
    stepper.execute(cancels);
    await this.checkpoint(last);
    return 'stopped';
  }

  /** The bars that closed in (since, t], every symbol at once (the fan-out), in symbol order. */
  private async fetchBars(t: EpochMs, since: EpochMs): Promise<SymbolBar[]> {
    const { symbols, feed } = this.deps;
    const lookbackSeconds = (t - since) / 1000;
    const lists = await Promise.all(symbols.map((s) => feed.closedBars(s, t, { lookbackSeconds })));
    return lists.flatMap((bars, i) => bars.filter((b) => b.ts >= since).map((bar) => ({ symbol: symbols[i]!, bar })));
  }

  /** How many bars of each symbol had closed by `t` in the session (a resumed session's count). */
  private async barsClosedBy(t: EpochMs): Promise<Record<string, number>> {
    const { symbols, feed } = this.deps;
    const lists = await Promise.all(symbols.map((s) => feed.closedBars(s, t, { lookbackSeconds: 24 * 3600 })));
    return Object.fromEntries(symbols.map((s, i) => [s, lists[i]!.length]));
  }

  /** One line per symbol that cycled in this step: bars so far, the decisive signal, its confidence, the risk decision. */
  private logCycle(before: StepMarks, barsSeen: Record<string, number>): void {
    const { journal, log } = this.deps;
    if (journal.signalColumns.length === before.signals) return;
    this.cycles++;
    const signals = journal.signals.slice(before.signals);
    const risk = journal.riskDecisions.slice(before.riskDecisions);
    for (const symbol of this.deps.symbols) {
      const mine = signals.filter((s) => s.symbol === symbol);
      if (mine.length === 0) continue;
      const chosen = mine.find((s) => s.action !== 'HOLD') ?? mine[0]!;
      const r = risk.find((d) => d.symbol === symbol && d.kind === 'entry');
      const decision = r === undefined ? 'hold' : r.approved ? `entry ${r.intentId}` : `rejected: ${r.reason}`;
      log.info('cycle', `${symbol} ${chosen.action} ${chosen.confidence.toFixed(2)} → ${decision}`, {
        symbol,
        bars: barsSeen[symbol] ?? 0,
        signal: chosen.action,
        strategy: chosen.strategy,
        confidence: chosen.confidence,
        decision,
      });
    }
  }

  private heartbeat(stepper: MinuteStepper<StepBroker>, barsSeen: Record<string, number>): void {
    const { equity } = stepper.engine;
    const { day, positions } = stepper.engine.snapshot();
    const vitals: LoopVitals = {
      cycles: this.cycles,
      lastBarTs: this.lastBarTs,
      halted: day?.halted ?? false,
      haltReason: day?.haltReason ?? null,
      positions: positions.map((p) => ({ intentId: p.intentId, instrument: p.instrument, quantity: p.quantity, entryPrice: p.entryPrice, entryTs: p.entryTs, entryFees: p.fees })),
      equity,
    };
    this.deps.log.info('heartbeat', `equity ${equity.toFixed(2)}, ${positions.length} open, ${this.cycles} cycles`, { equity, positions: positions.length, halted: vitals.halted, bars: barsSeen });
    this.deps.onHeartbeat?.(vitals);
  }
}

/** Journal lengths before a step: what the step added is what follows them. */
interface StepMarks {
  signals: number;
  riskDecisions: number;
  orders: number;
  fills: number;
}

const marksOf = (j: JournalBuffer): StepMarks => ({ signals: j.signalColumns.length, riskDecisions: j.riskDecisions.length, orders: j.orders.length, fills: j.fills.length });

/** Whether the step moved an order or filled one: positions and working orders are held state. */
const ordersMoved = (j: JournalBuffer, before: StepMarks): boolean => j.orders.length !== before.orders || j.fills.length !== before.fills;

/** "HH:MM" of an epoch-ms time in America/New_York, for messages. */
const hhmm = (t: EpochMs): string => new Date(t).toLocaleTimeString('en-GB', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit' });
