import type { Socket } from 'node:net';
import { messageName, OUT, type ReceivedMessage } from './client-messages.js';
import type { GatewayFaults } from './faults.js';
import { ibMessage } from './faults.js';
import type { BarSource, GatewayFixtures } from './fixtures.js';
import type { FakeOrderBook } from './order-book.js';
import { frame, FrameReader, type Fields } from './framing.js';
import { HANDLERS, type Reply, type SessionState } from './handlers.js';
import * as msg from './server-messages.js';

/** What a session needs from its gateway: shared fixtures, faults, record and the ids in use. */
export interface SessionHost {
  fixtures: GatewayFixtures;
  faults: GatewayFaults;
  bars: BarSource;
  orders: FakeOrderBook;
  record(m: ReceivedMessage): void;
  /** The clock of the record's `at`. */
  now(): number;
  clientIdInUse(id: number, by: GatewaySession): boolean;
  /** A Gateway hard reset: every connection dropped. */
  dropAll(): void;
}

/** One client connection: handshake, START_API, then requests answered by the handlers. */
export class GatewaySession {
  clientId: number | null = null;
  readonly state: SessionState = { marketDataType: 1, barStreams: new Map() };
  private readonly reader = new FrameReader();
  private helloDone = false;

  constructor(
    readonly number: number,
    readonly socket: Socket,
    private readonly host: SessionHost,
  ) {
    socket.on('data', (chunk) => this.onData(chunk));
    socket.on('error', () => socket.destroy());
  }

  get apiStarted(): boolean {
    return this.clientId !== null && !this.socket.destroyed;
  }

  /** Sends one message unless the link is scripted silent or the socket is gone. */
  send(fields: Reply): void {
    if (this.host.faults.silent || this.socket.destroyed) return;
    this.socket.write(frame(fields));
  }

  sendError(id: number, code: number, text = ibMessage(code)): void {
    this.send(msg.errorMessage(id, code, text));
  }

  private onData(chunk: Buffer): void {
    this.reader.push(chunk);
    try {
      if (!this.helloDone) {
        const hello = this.reader.readHello();
        if (!hello) return;
        this.helloDone = true;
        this.onHello(hello.maxVersion);
      }
      for (let f = this.reader.readMessage(); f; f = this.reader.readMessage()) this.onMessage(f);
    } catch (e) {
      // A client that breaks the framing gets what a Gateway gives it: a closed socket.
      this.socket.destroy(e as Error);
    }
  }

  private onHello(clientMax: number): void {
    const { faults, fixtures } = this.host;
    if (faults.closeOnHello) return void this.socket.destroy();
    if (faults.silentHello) return;
    this.send(msg.serverHello(Math.min(fixtures.serverVersion, clientMax), '20260101 12:00:00 US/Eastern'));
  }

  private onMessage(f: Fields): void {
    const id = Number(f[0]);
    const name = messageName(id);
    this.host.record({ at: this.host.now(), session: this.number, clientId: this.clientId, id, name, fields: f.slice(1) });
    if (id === OUT.START_API) return this.startApi(Number(f[2]));
    const handler = HANDLERS[id];
    const { faults } = this.host;
    if (!handler || faults.unanswered.includes(name)) return;
    const ctx = { session: this.state, fixtures: this.host.fixtures, faults, bars: this.host.bars, orders: this.host.orders, clientId: this.clientId ?? -1 };
    if (id === OUT.PLACE_ORDER && faults.dropAfterPlaceOrders > 0 && --faults.dropAfterPlaceOrders === 0) {
      // The order reached IB's books (held untransmitted or working), then the link dies before any answer.
      void handler(ctx, f);
      return this.host.dropAll();
    }
    void Promise.resolve(handler(ctx, f)).then((replies) => {
      if (faults.malformed.includes(name) && replies[0]) replies[0] = replies[0].slice(0, -1);
      const delay = faults.replyDelayMs[name] ?? 0;
      const write = () => replies.forEach((r) => this.send(r));
      if (delay > 0) setTimeout(write, delay);
      else write();
    });
  }

  private startApi(clientId: number): void {
    const { faults, fixtures } = this.host;
    if (faults.clientIdsInUse.includes(clientId) || this.host.clientIdInUse(clientId, this)) {
      this.sendError(msg.NO_REQ_ID, 326);
      this.socket.end();
      return;
    }
    this.clientId = clientId;
    this.send(msg.managedAccounts(fixtures.accounts));
    // Like IB: the next valid id is above every order id this account has used.
    this.send(msg.nextValidId(Math.max(fixtures.nextOrderId, this.host.orders.maxOrderId + 1)));
    for (const code of faults.connectNotices) this.sendError(msg.NO_REQ_ID, code);
  }
}
