import type { Session } from '../calendar/index.js';
import type { Settings } from '../config/schema.js';
import { Engine } from '../engine/engine.js';
import type { MarketView } from '../engine/market-view.js';
import type { JournalBuffer } from '../journal/journal-buffer.js';
import { createStrategies } from '../strategy/registry.js';
import type { SimBrokerSnapshot } from '../venues/sim/sim-broker.js';
import { watchEvaluations } from './evaluation-watch.js';
import { MinuteStepper, type StepBroker, type UnderlyingFed } from './minute-step.js';
import type { EpochMs } from '../core/time.js';
import type { JournalTail } from './journal-tail.js';
import { underlyingOf } from '../core/order.js';
import type { RuntimeState } from './runtime-state.js';
import type { LoadedState } from './state-file-store.js';
import { blockedDay, TrackedDailyState } from './tracked-daily-state.js';

/** A broker the state file can restore: the simulated books of a rehearsal or a dry-run; IB's broker keeps none (null). */
export interface RestorableBroker extends StepBroker {
  snapshot(): SimBrokerSnapshot | null;
  restore(s: SimBrokerSnapshot): void;
}

export interface SessionParts<B extends RestorableBroker> {
  stepper: MinuteStepper<B>;
  daily: TrackedDailyState;
}

/** What the state file keeps after minute `asOf` of `session`: the engine, the broker's books and the journal rows not yet flushed. */
export function runtimeStateOf(parts: { session: Session } & SessionParts<RestorableBroker>, asOf: EpochMs, runId: string, journal: JournalTail): RuntimeState {
  const { session, stepper } = parts;
  return { version: 1, date: session.date, asOf, runId, journal, engine: stepper.engine.snapshot(), broker: stepper.broker.snapshot() };
}

/**
 * The engine, broker and minute stepper of one session of the run loop, restored from the saved
 * state (if any): whale cooldowns, equity, open positions and working orders carry over, and
 * while a corrupt state file blocks entries, the day of the session is halted with its message.
 */
export function restoredSessionParts<B extends RestorableBroker>(
  settings: Settings,
  journal: JournalBuffer,
  session: Session,
  loaded: LoadedState,
  market: MarketView,
  paths: UnderlyingFed,
  broker: B,
): SessionParts<B> {
  const { state, blocked } = loaded;
  let engine: Engine | null = null;
  const daily = new TrackedDailyState(state?.engine.day ?? null, blocked, () => engine!.equity);
  const strategies = watchEvaluations(createStrategies(settings), () => (daily.dirty = true));
  engine = new Engine(settings, { strategies, market, journal, dailyState: daily });
  const stepper = new MinuteStepper(engine, broker, paths);
  if (state) {
    const snapshot = state.engine;
    if (blocked !== null && snapshot.day?.date === session.date) snapshot.day = blockedDay(snapshot.day, blocked);
    engine.restore(snapshot);
    if (state.broker) broker.restore(state.broker);
    for (const [symbol, book] of Object.entries(snapshot.books)) stepper.rememberClose(symbol, book.last);
    // The market prices what it has quoted: show it every held or working instrument again, so
    // the broker's first bar after the restart finds their paths.
    const instruments = [...snapshot.positions.map((p) => p.instrument), ...snapshot.pendingEntries.map((b) => b.parent.instrument)];
    for (const i of instruments) market.mark(i, state.asOf, snapshot.books[underlyingOf(i)]?.last ?? NaN);
  }
  return { stepper, daily };
}
