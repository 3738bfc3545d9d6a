import { describe, expect, it } from 'vitest';
import { sessionAt } from '../../src/calendar/index.js';
import { MINUTE_MS } from '../../src/core/time.js';
import { marketFor } from '../../src/backtest/market-for.js';
import { Engine } from '../../src/engine/engine.js';
import type { EngineSnapshot } from '../../src/engine/engine-snapshot.js';
import { JournalBuffer } from '../../src/journal/journal-buffer.js';
import { MemoryDailyStateStore } from '../../src/risk/daily-state.js';
import { MinuteStepper } from '../../src/runtime/minute-step.js';
import { decodeState, encodeState } from '../../src/runtime/state-codec.js';
import { createStrategies } from '../../src/strategy/registry.js';
import { syntheticMinuteBars } from '../../src/venues/history/synthetic-sample.js';
import { SimBroker, type SimBrokerSnapshot } from '../../src/venues/sim/sim-broker.js';
import { stockSettings } from '../simulate/rehearsal-support.js';

const settings = stockSettings();
const bars = syntheticMinuteBars({ sessions: 4, seed: 3 });

/** A fresh engine, simulated broker and stepper writing into `journal`. */
function parts(journal: JournalBuffer) {
  const { market, paths } = marketFor(settings);
  const engine = new Engine(settings, { strategies: createStrategies(settings), market, journal, dailyState: new MemoryDailyStateStore() });
  const broker = SimBroker.fromSettings(settings.backtest, paths);
  return { engine, broker, stepper: new MinuteStepper(engine, broker, paths) };
}

/** Every minute of the sample's sessions, with the bar that closed at it (or none). */
function minutes(): { t: number; i: number | null }[] {
  const out: { t: number; i: number | null }[] = [];
  const byClose = new Map<number, number>();
  for (let i = 0; i < bars.length; i++) byClose.set(bars.ts[i]! + MINUTE_MS, i);
  const seen = new Set<string>();
  for (let i = 0; i < bars.length; i++) {
    const s = sessionAt(bars.ts[i]!)!;
    if (seen.has(s.date)) continue;
    seen.add(s.date);
    for (let t = s.open + MINUTE_MS; t <= s.close; t += MINUTE_MS) out.push({ t, i: byClose.get(t) ?? null });
  }
  return out;
}

const stepAll = (stepper: MinuteStepper, list: { t: number; i: number | null }[]) => {
  for (const { t, i } of list) {
    if (i === null) stepper.tickAt(t);
    else stepper.stepOne(t, 'SPY', bars, i);
  }
};

const text = (j: JournalBuffer) => encodeState({ ...j.tables(), logs: [] });

describe('Engine.snapshot/restore (with SimBroker.snapshot/restore)', () => {
  const all = minutes();
  const whole = new JournalBuffer();
  const original = parts(whole);
  stepAll(original.stepper, all);

  it('the sample trades (the comparison below has something to compare)', () => {
    expect(whole.trades.length).toBeGreaterThan(2);
  });

  it('a snapshot taken at any minute, persisted as text and restored into fresh parts, continues exactly like the original', () => {
    let withPosition = 0;
    for (let cut = 17; cut < all.length; cut += 97) {
      const journal = new JournalBuffer();
      const first = parts(journal);
      stepAll(first.stepper, all.slice(0, cut));
      const saved = decodeState(encodeState({ engine: first.engine.snapshot(), broker: first.broker.snapshot() })) as { engine: EngineSnapshot; broker: SimBrokerSnapshot };
      if (saved.engine.positions.length > 0 || saved.engine.pendingEntries.length > 0) withPosition++;
      const next = parts(journal);
      next.engine.restore(saved.engine);
      next.broker.restore(saved.broker);
      for (const [symbol, book] of Object.entries(saved.engine.books)) next.stepper.rememberClose(symbol, book.last);
      stepAll(next.stepper, all.slice(cut));
      expect(text(journal), `cut at minute ${cut}`).toBe(text(whole));
      expect(next.engine.equity).toBe(original.engine.equity);
    }
    expect(withPosition).toBeGreaterThan(0);
  });

  it('a snapshot is a copy: later events do not change it, and restoring it twice gives equal engines', () => {
    const { engine, stepper } = parts(new JournalBuffer());
    stepAll(stepper, all.slice(0, 200));
    const snap = engine.snapshot();
    const before = encodeState(snap);
    stepAll(stepper, all.slice(200, 400));
    expect(encodeState(snap)).toBe(before);
    const a = parts(new JournalBuffer()).engine;
    const b = parts(new JournalBuffer()).engine;
    a.restore(snap);
    b.restore(snap);
    expect(encodeState(a.snapshot())).toBe(encodeState(b.snapshot()));
  });

  it('refuses a snapshot taken with other settings', () => {
    const snap = parts(new JournalBuffer()).engine.snapshot();
    delete snap.books['SPY'];
    expect(() => parts(new JournalBuffer()).engine.restore(snap)).toThrow(/no state of 2 strategies for SPY: it was taken with other settings/);
  });
});
