import { createServer, type Server, type Socket } from 'node:net';
import type { Bar } from '../../../src/core/bar.js';
import { ORDER_MESSAGES, type ReceivedMessage } from './client-messages.js';
import { defaultFaults, ibMessage, type GatewayFaults } from './faults.js';
import { fixtureBarSource, withDefaults, type BarSource, type GatewayFixtures } from './fixtures.js';
import { toWireBar } from './handlers.js';
import { FakeOrderBook } from './order-book.js';
import { NO_REQ_ID, historicalDataUpdate } from './server-messages.js';
import { GatewaySession } from './session.js';

export interface FakeGatewayOptions {
  fixtures?: Partial<GatewayFixtures>;
  faults?: Partial<GatewayFaults>;
  /** 0 (default) picks a free ephemeral port, so test files can run in parallel. */
  port?: number;
  /** The clock stamping `received[].at` (default Date.now): a test pacing on a virtual clock asserts in that time. */
  clock?: () => number;
}

/**
 * A fake IB Gateway: a real TCP server on 127.0.0.1 speaking the TWS socket protocol at
 * server version 193 to the unmodified `@stoqey/ib` client. It answers from fixtures, records
 * every message it receives, and plays scripted faults.
 */
export class FakeGateway {
  readonly host = '127.0.0.1';
  readonly fixtures: GatewayFixtures;
  readonly faults: GatewayFaults;
  /** Every message received, in order, parsed into fields. */
  readonly received: ReceivedMessage[] = [];
  /** IB's order books: orders placed by any client, executions of the day. */
  readonly orders: FakeOrderBook;
  private barSource: { from: GatewayFixtures['bars']; source: BarSource } | null = null;
  private readonly sessions = new Set<GatewaySession>();
  private sessionCount = 0;
  private server: Server | null = null;
  private readonly clock: () => number;
  private waiters: { pred: (m: ReceivedMessage) => boolean; resolve: (m: ReceivedMessage) => void }[] = [];

  private constructor(
    opts: FakeGatewayOptions,
    private portNumber: number,
  ) {
    this.fixtures = withDefaults(opts.fixtures ?? {});
    this.faults = { ...defaultFaults(), ...opts.faults };
    this.clock = opts.clock ?? Date.now;
    this.orders = new FakeOrderBook((clientId, replies) => {
      for (const s of this.sessions) if (s.apiStarted && s.clientId === clientId) replies.forEach((r) => s.send(r));
    }, this.clock);
  }

  /** The bar source of the current `fixtures.bars` (tests may replace it between steps). */
  private get bars(): BarSource {
    const b = this.fixtures.bars;
    if (this.barSource?.from !== b) {
      this.barSource = { from: b, source: typeof (b as BarSource).bars === 'function' ? (b as BarSource) : fixtureBarSource(b as Record<string, never>) };
    }
    return this.barSource.source;
  }

  static async start(opts: FakeGatewayOptions = {}): Promise<FakeGateway> {
    const g = new FakeGateway(opts, opts.port ?? 0);
    await g.listen();
    return g;
  }

  get port(): number {
    return this.portNumber;
  }

  /** Connections opened so far (each reconnect is a new session). */
  get sessionsOpened(): number {
    return this.sessionCount;
  }

  /** Client ids of the connections that are open and past START_API. */
  get activeClientIds(): number[] {
    return [...this.sessions].filter((s) => s.apiStarted).map((s) => s.clientId!);
  }

  /** Received messages with this name (e.g. "REQ_HISTORICAL_DATA"), optionally of one session only. */
  messages(name: string, session?: number): ReceivedMessage[] {
    return this.received.filter((m) => m.name === name && (session === undefined || m.session === session));
  }

  /** Every order message received (PLACE_ORDER, CANCEL_ORDER, EXERCISE_OPTIONS, REQ_GLOBAL_CANCEL): none in dry-run. */
  orderMessages(): ReceivedMessage[] {
    return this.received.filter((m) => ORDER_MESSAGES.includes(m.name));
  }

  /** Resolves with the first message (already received or future) matching `pred`. */
  waitFor(pred: (m: ReceivedMessage) => boolean, timeoutMs = 5_000): Promise<ReceivedMessage> {
    const seen = this.received.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fake gateway: no matching message within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ pred, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  }

  /** Sends an IB notice with id −1 to every started connection: 1100, 1101, 1102, 2103–2106… */
  broadcast(code: number, text = ibMessage(code)): void {
    for (const s of this.sessions) if (s.apiStarted) s.sendError(NO_REQ_ID, code, text);
  }

  /** Pushes a bar update to every keepUpToDate subscription on `symbol`; returns how many got it. */
  pushBar(symbol: string, bar: Bar): number {
    let n = 0;
    for (const s of this.sessions) {
      for (const [reqId, sub] of s.state.barStreams) {
        if (sub.symbol !== symbol) continue;
        s.send(historicalDataUpdate(reqId, toWireBar(bar, sub.formatDate)));
        n++;
      }
    }
    return n;
  }

  /** Hard reset: every connection gets a TCP RST, as when the Gateway process dies. */
  resetConnections(): void {
    for (const s of this.sessions) s.socket.resetAndDestroy();
    this.sessions.clear();
  }

  /** Stops listening and drops every connection. */
  async stop(): Promise<void> {
    this.resetConnections();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** A Gateway restart: connections drop, then it listens again on the same port after `downMs`. */
  async restart(downMs = 0): Promise<void> {
    await this.stop();
    if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
    await this.listen();
  }

  private listen(): Promise<void> {
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.portNumber, this.host, () => {
        this.portNumber = (server.address() as { port: number }).port;
        resolve();
      });
    });
  }

  private accept(socket: Socket): void {
    socket.setNoDelay(true);
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const gateway = this;
    const session = new GatewaySession(++this.sessionCount, socket, {
      fixtures: this.fixtures,
      faults: this.faults,
      get bars() {
        return gateway.bars;
      },
      orders: this.orders,
      dropAll: () => this.resetConnections(),
      record: (m) => this.record(m),
      now: this.clock,
      clientIdInUse: (id, by) => [...this.sessions].some((s) => s !== by && s.apiStarted && s.clientId === id),
    });
    this.sessions.add(session);
    socket.on('close', () => this.sessions.delete(session));
  }

  private record(m: ReceivedMessage): void {
    this.received.push(m);
    const ready = this.waiters.filter((w) => w.pred(m));
    this.waiters = this.waiters.filter((w) => !w.pred(m));
    for (const w of ready) w.resolve(m);
  }
}
