import { z } from 'zod';
import type { EpochMs, TradingDate } from '../core/time.js';
import type { EngineSnapshot } from '../engine/engine-snapshot.js';
import type { SimBrokerSnapshot } from '../venues/sim/sim-broker.js';
import type { JournalTail } from './journal-tail.js';

/**
 * What the run loop persists after every change: the engine (guard, whale cooldowns, open
 * positions, working orders), keyed by the trading date it belongs to and stamped with the minute
 * it was saved after. In a rehearsal it also holds the simulated broker's books (IB keeps its own
 * across a restart) and where the run's journal stood: the rows flushed to the database and the
 * rows written since, so the journal can always be rebuilt up to the saved minute.
 */
export interface RuntimeState {
  version: 1;
  date: TradingDate;
  /** The last minute stepped before the save (epoch ms). */
  asOf: EpochMs;
  /** The run that saved it. */
  runId: string;
  /** That run's journal at the save: rows already flushed, and the rows since. */
  journal: JournalTail;
  engine: EngineSnapshot;
  broker: SimBrokerSnapshot | null;
}

const count = z.number().int().nonnegative();

/** The shape a state file must have; anything else is a corrupt file. */
export const runtimeStateSchema = z.object({
  version: z.literal(1),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  asOf: z.number().finite(),
  runId: z.string().min(1),
  journal: z.object({
    flushed: z.object({ signals: count, riskDecisions: count, orders: count, fills: count, trades: count, logs: count, equity: count, marks: count, bars: count }),
    signals: z.array(z.object({ ts: z.number() }).loose()),
    riskDecisions: z.array(z.object({ ts: z.number() }).loose()),
    orders: z.array(z.object({ orderId: z.string() }).loose()),
    fills: z.array(z.object({ orderId: z.string() }).loose()),
    trades: z.array(z.object({ intentId: z.string() }).loose()),
    logs: z.array(z.object({ event: z.string() }).loose()),
    equity: z.array(z.array(z.number()).length(6)),
    marks: z.array(z.tuple([z.string(), z.number(), z.number()])),
    bars: z.array(z.tuple([z.string(), z.number(), z.number(), z.number(), z.number(), z.number(), z.number()])),
  }),
  engine: z.object({
    books: z.record(z.string(), z.object({ states: z.array(z.unknown()), last: z.union([z.number(), z.nan()]) })),
    cash: z.number(),
    realized: z.number(),
    positions: z.array(z.object({ intentId: z.string() }).loose()),
    orders: z.array(z.object({ orderId: z.string() }).loose()),
    pendingEntries: z.array(z.object({ intentId: z.string() }).loose()),
    day: z.object({ date: z.string(), startEquity: z.number(), halted: z.boolean(), haltReason: z.string().nullable(), entriesToday: count }).nullable(),
  }),
  broker: z.object({ intents: z.array(z.unknown()), seenOrders: z.array(z.string()), seenIntents: z.array(z.string()) }).nullable(),
});
