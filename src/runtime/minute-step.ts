import { readBar, type Bar, type BarColumns } from '../core/bar.js';
import { underlyingOf } from '../core/order.js';
import { MINUTE_MS, type EpochMs } from '../core/time.js';
import type { Command } from '../engine/commands.js';
import type { Engine } from '../engine/engine.js';
import type { BarClosed, EngineEvent, TimerTicked } from '../engine/events.js';
import type { Order } from '../core/order.js';
import type { BrokerEvent, SimBroker } from '../venues/sim/sim-broker.js';

/**
 * What the stepper needs of a broker: the simulated broker, the dry-run broker (the simulated
 * one on live quotes) or the IB broker (whose answers arrive from the socket and are handed
 * over at the next `onBar`).
 */
export interface StepBroker {
  submit(cmd: Command): readonly BrokerEvent[];
  /** What happened to working orders over the bar [barStart, barEnd). */
  onBar(barStart: EpochMs, barEnd: EpochMs): readonly BrokerEvent[];
  settleExpiry(exit: Order, underlyingClose: number, ts: EpochMs): readonly BrokerEvent[];
}

/** A source of bar-internal prices that the driver feeds with each underlying bar. */
export interface UnderlyingFed {
  setBar(symbol: string, ts: EpochMs, open: number, high: number, low: number, close: number): void;
}

/** A 1-minute bar of one symbol that closed at the minute being stepped. */
export interface SymbolBar {
  symbol: string;
  bar: Bar;
}

/**
 * One minute of the event order every simulated mode shares, so the backtest and the run loop
 * are equal by construction: the bars that closed at `t` are (1) traded through by the broker,
 * (2) closed in the engine, then (3) the minute tick at `t` runs, and its commands go back to the
 * broker, whose answers go back to the engine. A minute without a bar is a tick alone.
 */
export class MinuteStepper<B extends StepBroker = SimBroker> {
  private readonly tick: TimerTicked = { type: 'TimerTicked', ts: 0 };
  private readonly closed: BarClosed = { type: 'BarClosed', symbol: '', bar: { ts: 0, open: 0, high: 0, low: 0, close: 0, volume: 0 } };
  /** The bar `stepOne` refills: the engine never keeps events or bars. */
  private readonly scratch: Bar = { ts: 0, open: 0, high: 0, low: 0, close: 0, volume: 0 };
  /** Last close per underlying: what an expiring option settles against. */
  private readonly lastClose = new Map<string, number>();

  constructor(
    readonly engine: Engine,
    readonly broker: B,
    private readonly paths: UnderlyingFed,
  ) {}

  /** Steps the minute ending at `t`; `bars` are the bars that closed at `t` (each starts at t − 1 min). */
  step(t: EpochMs, bars: readonly SymbolBar[]): void {
    if (bars.length > 0) {
      for (const { symbol, bar } of bars) this.paths.setBar(symbol, bar.ts, bar.open, bar.high, bar.low, bar.close);
      this.feed(this.broker.onBar(t - MINUTE_MS, t));
      for (const b of bars) this.closeBar(b.symbol, b.bar);
    }
    this.tickAt(t);
  }

  /**
   * The backtest's allocation-free form of `step` for one symbol: bar `i` of `bars` is copied into
   * a reused bar (passing its six numbers as arguments would box each of them on every call).
   */
  stepOne(t: EpochMs, symbol: string, bars: BarColumns, i: number): void {
    const bar = readBar(bars, i, this.scratch);
    this.paths.setBar(symbol, bar.ts, bar.open, bar.high, bar.low, bar.close);
    this.feed(this.broker.onBar(bar.ts, bar.ts + MINUTE_MS));
    this.closeBar(symbol, bar);
    this.tickAt(t);
  }

  /** The last close of `symbol` before this stepper took over (a restored engine's), for expiry settlement. */
  rememberClose(symbol: string, close: number): void {
    if (Number.isFinite(close)) this.lastClose.set(symbol, close);
  }

  /** A minute without a bar. */
  tickAt(t: EpochMs): void {
    this.tick.ts = t;
    this.execute(this.engine.handle(this.tick));
  }

  /** Carries out commands that did not come from a tick (the run loop's cancels on a graceful stop). */
  execute(commands: readonly Command[]): void {
    for (let i = 0; i < commands.length; i++) {
      const c = commands[i]!;
      if (c.type === 'Flatten' && c.reason === 'expiry') {
        this.feed(this.broker.settleExpiry(c.order, this.lastClose.get(underlyingOf(c.order.instrument)) ?? NaN, c.ts));
      } else {
        this.feed(this.broker.submit(c));
      }
    }
  }

  private closeBar(symbol: string, bar: Bar): void {
    this.lastClose.set(symbol, bar.close);
    this.closed.symbol = symbol;
    this.closed.bar = bar;
    this.engine.handle(this.closed);
  }

  private feed(events: readonly EngineEvent[]): void {
    for (let i = 0; i < events.length; i++) this.engine.handle(events[i]!);
  }
}
