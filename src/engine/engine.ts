import { sessionAt, sessionOrdinal } from '../calendar/index.js';
import type { Settings } from '../config/schema.js';
import type { Bar } from '../core/bar.js';
import type { Order, OrderStatus } from '../core/order.js';
import type { Signal } from '../core/signal.js';
import type { EpochMs } from '../core/time.js';
import { buildBracket, entryPrice, intentIdFor, type BracketRequest } from '../execution/bracket-builder.js';
import type { JournalSink } from '../journal/records.js';
import { breachesDailyLoss, haltReason } from '../risk/daily-loss-guard.js';
import { freshDailyState, type DailyRiskState, type DailyStateStore } from '../risk/daily-state.js';
import { entryBlock } from '../risk/entry-gate.js';
import { positionSize, zeroSizeReason } from '../risk/sizing.js';
import { multiplierOf } from '../core/position.js';
import type { SessionRef, Strategy } from '../strategy/strategy.js';
import { combineSignals, explainDecision, signalExplainer, type CycleDecision, type SignalExplainer } from '../strategy/combine.js';
import type { Command, ExitReason, Flatten, SubmitBracket } from './commands.js';
import type { EngineSnapshot } from './engine-snapshot.js';
import type { EngineEvent, OrderFilled } from './events.js';
import type { MarketView } from './market-view.js';
import { Portfolio, type OpenPosition } from './portfolio.js';
import { isCycleTime, planSession, type SessionPlan } from './session-clock.js';

export interface EngineDeps {
  strategies: readonly Strategy[];
  market: MarketView;
  journal: JournalSink;
  dailyState: DailyStateStore;
}

/** Per-symbol state: each strategy's state and the last closed price. */
interface SymbolBook {
  symbol: string;
  states: unknown[];
  last: number;
}

const NO_COMMANDS: readonly Command[] = Object.freeze([]);

/**
 * The pipeline every mode shares: strategy → risk → execution over plain events. It reads no
 * clock and does no I/O; a venue feeds it events in time order and carries out its commands.
 */
export class Engine {
  private readonly books = new Map<string, SymbolBook>();
  private readonly cycleSymbols: string[];
  private readonly portfolio: Portfolio;
  private readonly orders = new Map<string, Order>();
  /** Brackets whose parent has not filled yet, by intent. */
  private readonly pendingEntries = new Map<string, SubmitBracket>();
  private plan: SessionPlan | null = null;
  private sessionRef: SessionRef | null = null;
  private day: DailyRiskState | null = null;
  /** Commands of the tick being handled; allocated only when there is one. */
  private out: Command[] | null = null;
  private readonly explain: SignalExplainer;

  constructor(
    private readonly settings: Settings,
    private readonly deps: EngineDeps,
  ) {
    this.portfolio = new Portfolio(settings.backtest.initial_equity);
    for (const symbol of settings.symbols) {
      this.books.set(symbol, { symbol, states: deps.strategies.map((s) => s.initialState(symbol)), last: NaN });
    }
    this.cycleSymbols = settings.symbols.slice(0, settings.schedule.max_concurrent_symbols);
    this.explain = signalExplainer(deps.strategies);
  }

  get equity(): number {
    return this.portfolio.equity;
  }

  /** Strategy states by symbol, for live mode to persist (whale cooldowns survive restarts). */
  strategyStates(): Record<string, unknown[]> {
    return Object.fromEntries([...this.books.values()].map((b) => [b.symbol, b.states]));
  }

  /** A deep copy of the engine's state: restoring it into a fresh engine continues exactly like this one. */
  snapshot(): EngineSnapshot {
    return structuredClone({
      books: Object.fromEntries([...this.books.values()].map((b) => [b.symbol, { states: b.states, last: b.last }])),
      cash: this.portfolio.cash,
      realized: this.portfolio.realized,
      positions: [...this.portfolio.open.values()],
      orders: [...this.orders.values()],
      pendingEntries: [...this.pendingEntries.values()],
      day: this.day,
    });
  }

  /**
   * Takes over a snapshot (of an engine with the same settings and strategies) before any event.
   * Throws when it does not fit: another symbol list or strategy count.
   */
  restore(snapshot: EngineSnapshot): void {
    const s = structuredClone(snapshot);
    for (const [symbol, book] of this.books) {
      const saved = s.books[symbol];
      if (!saved || saved.states.length !== book.states.length) {
        throw new Error(`engine snapshot: no state of ${this.deps.strategies.length} strategies for ${symbol}: it was taken with other settings`);
      }
      book.states = saved.states;
      book.last = saved.last;
    }
    this.portfolio.cash = s.cash;
    this.portfolio.realized = s.realized;
    this.portfolio.open.clear();
    for (const p of s.positions) this.portfolio.open.set(p.intentId, p);
    this.orders.clear();
    for (const o of s.orders) this.orders.set(o.orderId, o);
    this.pendingEntries.clear();
    for (const b of s.pendingEntries) this.pendingEntries.set(b.intentId, b);
    this.day = s.day;
  }

  handle(e: EngineEvent): readonly Command[] {
    switch (e.type) {
      case 'BarClosed':
        this.onBarClosed(e.symbol, e.bar);
        return NO_COMMANDS;
      case 'TimerTicked':
        return this.onTick(e.ts);
      case 'OrderAccepted':
        this.setStatus(e.orderId, e.ts, 'working', '');
        return NO_COMMANDS;
      case 'OrderFilled':
        this.onFilled(e);
        return NO_COMMANDS;
      case 'OrderCancelled':
      case 'OrderRejected':
        this.onOrderEnded(e.orderId, e.ts, e.type === 'OrderCancelled' ? 'cancelled' : 'rejected', e.reason);
        return NO_COMMANDS;
      case 'QuoteUpdated':
        return NO_COMMANDS;
    }
  }

  private onBarClosed(symbol: string, bar: Bar): void {
    const book = this.books.get(symbol);
    if (!book) return;
    const ref = this.refFor(bar.ts + 1);
    if (!ref) return;
    const strategies = this.deps.strategies;
    for (let i = 0; i < strategies.length; i++) strategies[i]!.onBarClosed(book.states[i], bar, ref);
    book.last = bar.close;
  }

  private onTick(t: EpochMs): readonly Command[] {
    const plan = this.planFor(t);
    if (!plan || t === plan.session.open) return NO_COMMANDS;
    const day = this.dayFor(plan, t);

    const equity = this.markToMarket(t);
    if (!day.halted && breachesDailyLoss(day, equity, this.settings.risk.max_daily_loss_pct)) {
      day.halted = true;
      day.haltReason = haltReason(day, equity, this.settings.risk.max_daily_loss_pct);
      this.deps.dailyState.save(day);
      this.deps.journal.risk({ ts: t, symbol: '*', intentId: null, kind: 'guard-halt', approved: false, reason: day.haltReason });
      this.cancelPendingEntries(t, 'daily loss guard');
      if (this.settings.risk.flatten_on_halt) this.flatten(t, 'guard', () => true);
    }
    const stock = this.settings.backtest.instrument === 'stock';
    if (t === plan.flattenAt && this.settings.schedule.flatten_scope !== 'none') {
      const all = this.settings.schedule.flatten_scope === 'all';
      this.flatten(t, 'flatten', (p) => all || (p.instrument.kind === 'option' && p.instrument.contract.expiry === plan.session.date));
    }
    if (stock && t === plan.lastBarStart) this.flatten(t, 'session-end', () => true);
    if (t === plan.session.close) {
      // Entry orders are day orders: what has not filled by the close is cancelled.
      this.cancelPendingEntries(t, 'session closed');
      this.flatten(t, 'expiry', (p) => p.instrument.kind === 'option' && p.instrument.contract.expiry === plan.session.date);
    }
    if (isCycleTime(plan, t)) this.cycle(t, plan, day);
    const out = this.out;
    this.out = null;
    return out ?? NO_COMMANDS;
  }

  private cycle(t: EpochMs, plan: SessionPlan, day: DailyRiskState): void {
    const ref = this.sessionRef!;
    for (const symbol of this.cycleSymbols) {
      const book = this.books.get(symbol)!;
      if (!(book.last > 0)) continue;
      const signals: Signal[] = [];
      for (let i = 0; i < this.deps.strategies.length; i++) {
        const signal = this.deps.strategies[i]!.evaluate(book.states[i], t, ref);
        signals.push(signal);
        this.deps.journal.signal(signal);
      }
      // Strategies come in precedence order: the first BUY/SELL is the cycle's decision.
      const decision = combineSignals(signals);
      if (decision) this.tryEntry(t, plan, day, book, decision);
    }
  }

  private tryEntry(t: EpochMs, plan: SessionPlan, day: DailyRiskState, book: SymbolBook, decision: CycleDecision): void {
    const { signal } = decision;
    const direction = signal.action === 'BUY' ? 'BUY' : 'SELL';
    const reject = (reason: string) =>
      this.deps.journal.risk({ ts: t, symbol: book.symbol, intentId: null, kind: 'entry', approved: false, reason: `${signal.strategy} ${direction}: ${reason}` });
    const blocked = entryBlock(this.settings.risk, this.settings.schedule, {
      state: day,
      openPositions: this.portfolio.open.size + this.pendingEntries.size,
      symbolBusy: this.symbolBusy(book.symbol),
      minutesToClose: (plan.session.close - t) / 60_000,
    });
    if (blocked) return reject(blocked);
    if (direction === 'SELL' && this.settings.backtest.instrument === 'stock') return reject('stock mode is long-only: a SELL opens nothing');
    const quote = this.deps.market.entryQuote(book.symbol, direction, t, book.last);
    if (!quote.ok) return reject(quote.reason);
    const intentId = intentIdFor(book.symbol, t);
    const request: BracketRequest = { intentId, ts: t, instrument: quote.instrument, quantity: 0, quote: quote.quote };
    const premium = entryPrice(request, this.settings.execution);
    const { risk } = this.settings;
    const multiplier = multiplierOf(quote.instrument);
    const equity = this.portfolio.equity;
    let quantity = positionSize(equity, risk.max_risk_pct_per_trade, premium, risk.stop_loss_pct, multiplier);
    // Stock is not leveraged: never more shares than the equity buys.
    if (quote.instrument.kind === 'stock') quantity = Math.min(quantity, Math.floor(equity / premium));
    if (quantity <= 0) return reject(zeroSizeReason(equity, risk.max_risk_pct_per_trade, premium, risk.stop_loss_pct, multiplier));
    request.quantity = quantity;
    const bracket = buildBracket(request, this.settings);
    day.entriesToday++;
    this.deps.dailyState.save(day);
    this.deps.journal.risk({
      ts: t,
      symbol: book.symbol,
      intentId,
      kind: 'entry',
      approved: true,
      reason: `${signal.strategy} ${direction} ${signal.confidence.toFixed(2)}: ${quantity} × ${premium.toFixed(2)}`,
    });
    this.pendingEntries.set(intentId, bracket);
    const why = explainDecision(decision, this.explain).join('; ');
    for (const o of [bracket.parent, bracket.takeProfit, bracket.stopLoss]) {
      this.orders.set(o.orderId, { ...o });
      this.journalOrder(o, t, 'pending', why);
    }
    this.emit(bracket);
  }

  private onFilled(e: OrderFilled): void {
    const order = this.orders.get(e.orderId);
    if (!order) return;
    this.deps.journal.fill({ ts: e.ts, orderId: e.orderId, intentId: order.intentId, role: order.role, quantity: e.quantity, price: e.price, fees: e.fees });
    if (order.role === 'entry') {
      const bracket = this.pendingEntries.get(order.intentId);
      if (!bracket) return;
      const symbol = order.instrument.kind === 'option' ? order.instrument.contract.underlying : order.instrument.symbol;
      this.portfolio.addEntryFill(
        {
          intentId: order.intentId,
          symbol,
          instrument: order.instrument,
          entryTs: e.ts,
          takeProfit: bracket.takeProfit.price,
          stopLoss: bracket.stopLoss.price,
        },
        e.quantity,
        e.price,
        e.fees,
      );
      this.pendingEntries.delete(order.intentId);
    } else {
      const reason: ExitReason = order.role === 'take-profit' ? 'take-profit' : order.role === 'stop-loss' ? 'stop-loss' : 'flatten';
      const trade = this.portfolio.addExitFill(order.intentId, e.quantity, e.price, e.fees, e.ts, reason);
      if (trade) this.deps.journal.trade(trade);
    }
    this.setStatus(e.orderId, e.ts, 'filled', '');
  }

  private onOrderEnded(orderId: string, ts: EpochMs, status: OrderStatus, reason: string): void {
    const order = this.orders.get(orderId);
    if (!order) return;
    this.setStatus(orderId, ts, status, reason);
    // An entry that ends unfilled frees its symbol; its children die with it.
    if (order.role === 'entry' && this.pendingEntries.delete(order.intentId)) {
      for (const id of [`${order.intentId}-TP`, `${order.intentId}-SL`]) this.setStatus(id, ts, 'cancelled', 'parent ended unfilled');
    }
  }

  private setStatus(orderId: string, ts: EpochMs, status: OrderStatus, reason: string): void {
    const order = this.orders.get(orderId);
    if (!order || order.status === status || order.status === 'filled' || order.status === 'cancelled' || order.status === 'rejected') return;
    order.status = status;
    this.journalOrder(order, ts, status, reason);
    if (status === 'filled' || status === 'cancelled' || status === 'rejected') this.orders.delete(orderId);
  }

  private journalOrder(o: Order, ts: EpochMs, status: OrderStatus, reason: string): void {
    this.deps.journal.order({ ts, orderId: o.orderId, intentId: o.intentId, role: o.role, side: o.side, type: o.type, quantity: o.quantity, price: o.price, status, reason });
  }

  private flatten(t: EpochMs, reason: ExitReason, inScope: (p: OpenPosition) => boolean): void {
    for (const p of this.portfolio.open.values()) {
      if (p.exitReason !== null || !inScope(p)) continue;
      p.exitReason = reason;
      const order: Order = {
        orderId: `${p.intentId}-X`,
        intentId: p.intentId,
        role: 'exit',
        instrument: p.instrument,
        side: 'SELL',
        type: 'MKT',
        quantity: p.quantity,
        price: NaN,
        status: 'pending',
      };
      this.orders.set(order.orderId, order);
      this.journalOrder(order, t, 'pending', reason);
      const cmd: Flatten = { type: 'Flatten', ts: t, intentId: p.intentId, order, reason };
      this.emit(cmd);
    }
  }

  private emit(c: Command): void {
    (this.out ??= []).push(c);
  }

  private cancelPendingEntries(t: EpochMs, reason: string): void {
    for (const b of this.pendingEntries.values()) this.emit({ type: 'Cancel', ts: t, orderId: b.parent.orderId, reason });
  }

  /** Marks every open position at t and journals them and the equity, which it returns. */
  private markToMarket(t: EpochMs): number {
    const j = this.deps.journal;
    const pf = this.portfolio;
    if (pf.open.size > 0) {
      for (const p of pf.open.values()) {
        const last = this.books.get(p.symbol)?.last ?? NaN;
        const mark = this.deps.market.mark(p.instrument, t, last);
        if (Number.isFinite(mark)) pf.markPosition(p, mark);
        j.mark(p.intentId, t, p.mark);
      }
    }
    const equity = pf.equity;
    j.equity(t, equity, pf.cash, pf.realized, pf.unrealizedPnl(), pf.open.size);
    return equity;
  }

  private symbolBusy(symbol: string): boolean {
    for (const p of this.portfolio.open.values()) if (p.symbol === symbol) return true;
    for (const b of this.pendingEntries.values()) {
      const i = b.parent.instrument;
      if ((i.kind === 'option' ? i.contract.underlying : i.symbol) === symbol) return true;
    }
    return false;
  }

  /** The daily risk state of the plan's session, loaded or started fresh: yesterday's never carries over. */
  private dayFor(plan: SessionPlan, t: EpochMs): DailyRiskState {
    if (this.day?.date === plan.session.date) return this.day;
    const previous = this.day;
    const day = this.deps.dailyState.load(plan.session.date) ?? freshDailyState(plan.session.date, this.portfolio.equity);
    this.deps.dailyState.save(day);
    if (previous?.halted && !day.halted) {
      this.deps.journal.risk({ ts: t, symbol: '*', intentId: null, kind: 'guard-release', approved: true, reason: `new session ${day.date}: entries allowed` });
    }
    this.day = day;
    return day;
  }

  /** The plan of the session whose regular hours contain t (bounds included); cached, since ticks and bars come in order. */
  private planFor(t: EpochMs): SessionPlan | null {
    const p = this.plan;
    if (p && t >= p.session.open && t <= p.session.close) return p;
    const session = sessionAt(t - 1);
    if (!session || t < session.open || t > session.close) return null;
    this.plan = planSession(session, this.settings.schedule);
    this.sessionRef = { date: session.date, ordinal: sessionOrdinal(session.date) };
    return this.plan;
  }

  private refFor(t: EpochMs): SessionRef | null {
    return this.planFor(t) ? this.sessionRef : null;
  }
}
