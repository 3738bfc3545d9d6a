import { z } from 'zod';
import type { EpochMs, TradingDate } from '../core/time.js';
import type { EngineSnapshot } from '../engine/engine-snapshot.js';
import type { FlushCounts } from '../journal/journal-writer.js';
import type { SimBrokerSnapshot } from '../venues/sim/sim-broker.js';

/**
 * What the run loop persists after every change: the engine (guard, whale cooldowns, open
 * positions, working orders), keyed by the trading date it belongs to and stamped with the minute
 * it was saved after. In a rehearsal it also holds the simulated broker's books (IB keeps its own
 * across a restart) and how many journal rows of the run it accounts for.
 */
export interface RuntimeState {
  version: 1;
  date: TradingDate;
  /** The last minute stepped before the save (epoch ms). */
  asOf: EpochMs;
  /** The run that saved it. */
  runId: string;
  /** Rows of that run's journal, per table, written when the state was saved. */
  journalRows: FlushCounts;
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
  journalRows: z.object({ signals: count, riskDecisions: count, orders: count, fills: count, trades: count, logs: count, equity: count, marks: count, bars: count }),
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
