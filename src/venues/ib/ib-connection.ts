import { EventEmitter } from 'node:events';
import { EventName, IBApi } from '@stoqey/ib';
import type { Logger } from '../../logging/logger.js';
import { backoffDelay } from './backoff.js';
import type { IbConnectionOptions } from './connection-options.js';
import { FARM_BROKEN, FARM_OK, IbCode, IbConnectError, socketFailure } from './ib-errors.js';
import { IbSession, type IbSessionInfo } from './ib-session.js';
import { guardOrderMessages } from './order-guard.js';
import { RateLimiter } from './rate-limiter.js';
import { realTimers, type Timers } from './timers.js';
import { StalenessWatchdog } from './watchdog.js';

export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'closed';

/** A long-lived stream (bars, quotes) the connection re-opens after every reconnect and after 1101/1102. */
export interface IbSubscription {
  name: string;
  /** Opens the stream on `session`; calls `alive()` whenever data arrives. Returns what closes it. */
  open(session: IbSession, alive: () => void): () => void;
}

export interface IbErrorInfo {
  code: number;
  message: string;
  reqId: number;
}

export interface IbConnectionEvents {
  connected: [IbSessionInfo];
  disconnected: [reason: string];
  /** 1101 (data lost) or 1102 (data maintained): subscriptions have been re-opened. */
  restored: [code: number];
  /** A watched subscription went silent during market hours. */
  stale: [name: string, silentMs: number];
  /** Every `error` event of the client (505 decode errors included). */
  'ib-error': [IbErrorInfo];
}

interface SubscriptionEntry {
  sub: IbSubscription;
  close: (() => void) | null;
  watchdog: StalenessWatchdog;
}

/**
 * The one connection to IB Gateway: client-id policy (retry, then fall back on 326), capped
 * exponential reconnect, subscriptions restored after reconnects and 1101/1102, a staleness
 * watchdog per subscription, and one rate limiter for every outgoing request.
 *
 * Built on `IBApi` (the event API), not `IBApiNext`: this class owns the policies IBApiNext
 * would decide for it (its reconnect increments the client id, treats 1100 as a disconnect and
 * silently replays cached observables), and per-request IB errors stay visible with their codes.
 */
export class IbConnection extends EventEmitter<IbConnectionEvents> {
  private current: IbSession | null = null;
  private stateValue: ConnectionState = 'idle';
  private preferredId: number;
  private readonly limiter: RateLimiter;
  private readonly subs = new Set<SubscriptionEntry>();
  private reconnecting = false;
  private pendingWait: { timer: unknown; resolve: () => void } | null = null;

  constructor(
    readonly options: IbConnectionOptions,
    private readonly log: Logger,
    private readonly timers: Timers = realTimers,
  ) {
    super();
    this.preferredId = options.clientId;
    this.limiter = new RateLimiter(options.maxMessagesPerSecond, 1000, timers);
  }

  get state(): ConnectionState {
    return this.stateValue;
  }

  /** The live session; throws when there is none (requests need a connection). */
  get session(): IbSession {
    if (!this.current?.isOpen) throw new IbConnectError('closed', `not connected to IB Gateway at ${this.options.host}:${this.options.port}`);
    return this.current;
  }

  /** Connects once, applying the client-id policy. Rejects with IbConnectError; does not start the reconnect loop. */
  async connect(): Promise<IbSessionInfo> {
    if (this.stateValue === 'closed') throw new IbConnectError('closed', 'connection closed');
    this.stateValue = 'connecting';
    try {
      const session = await this.establish();
      this.adopt(session);
      return session.info;
    } catch (e) {
      if (this.stateValue === 'connecting') this.stateValue = 'idle';
      throw e;
    }
  }

  /** Registers a stream: opened now when connected, and again after every reconnect or restore. Returns its closer. */
  subscribe(sub: IbSubscription): () => void {
    const entry: SubscriptionEntry = {
      sub,
      close: null,
      watchdog: new StalenessWatchdog(this.options.watchdogMs, this.timers, this.options.isMarketOpen, (silentMs) => this.onStale(sub.name, silentMs)),
    };
    this.subs.add(entry);
    if (this.current?.isOpen) this.open(entry);
    return () => {
      entry.close?.();
      entry.watchdog.stop();
      this.subs.delete(entry);
    };
  }

  /** Drops the connection and reconnects with backoff (the watchdog's remedy for a dead link). */
  forceReconnect(reason: string): void {
    if (this.stateValue === 'closed') return;
    this.drop(reason);
  }

  /** Disconnects for good: no reconnect, every open request fails. */
  close(): void {
    this.stateValue = 'closed';
    for (const e of this.subs) e.watchdog.stop();
    if (this.pendingWait) {
      this.timers.clearTimeout(this.pendingWait.timer);
      this.pendingWait.resolve();
    }
    this.current?.end('closed by the application');
    this.current = null;
  }

  private async establish(): Promise<IbSession> {
    const { clientId, clientIdFallbacks, clientIdRetries, clientIdRetryMs } = this.options;
    const ids = [this.preferredId, ...[clientId, ...clientIdFallbacks].filter((id) => id !== this.preferredId)];
    for (const [i, id] of ids.entries()) {
      const tries = i === 0 ? clientIdRetries + 1 : 1;
      for (let t = 0; t < tries; t++) {
        if (t > 0) {
          this.log.info('ib.client-id-retry', `client id ${id} in use; retrying in ${clientIdRetryMs} ms`, { client_id: id });
          await this.wait(clientIdRetryMs);
          if (this.stateValue === 'closed') throw new IbConnectError('closed', 'connection closed');
        }
        try {
          const session = await this.attempt(id);
          this.preferredId = id;
          const fields = { client_id: id, server_version: session.info.serverVersion, accounts: session.info.accounts.join(',') };
          if (id === clientId) this.log.info('ib.connected', `connected to ${this.options.host}:${this.options.port} with client id ${id}`, fields);
          else this.log.warn('ib.connected', `client id ${clientId} is in use (IB 326): connected with client id ${id} instead`, fields);
          return session;
        } catch (e) {
          if (!(e instanceof IbConnectError) || e.kind !== 'client-id-in-use') throw e;
          this.log.warn('ib.client-id-in-use', e.message, { client_id: id });
        }
      }
    }
    throw new IbConnectError(
      'client-id-in-use',
      `client ids ${ids.join(', ')} are all in use (IB error 326): another application holds them`,
    );
  }

  /** One TCP connection and API handshake with `clientId`, settled at nextValidId or on the first failure. */
  private attempt(clientId: number): Promise<IbSession> {
    const { host, port, connectTimeoutMs, maxMessagesPerSecond, requestTimeoutMs } = this.options;
    // The library's own limiter (bursts of rate/10 per 100 ms) is set far above ours so that it never
    // delays a message: ours, configured and tested, governs alone.
    const api = new IBApi({ host, port, maxReqPerSec: maxMessagesPerSecond * 10 });
    if (!this.options.sendOrders) {
      guardOrderMessages(api, (what) => this.log.error('ib.dry-run-guard', `an order message (${what}) was about to be sent on a dry-run connection: dropped`, { what }));
    }
    return new Promise<IbSession>((resolve, reject) => {
      const info: IbSessionInfo = { clientId, serverVersion: 0, connectionTime: '', accounts: [], nextOrderId: 0 };
      let settled = false;
      const fail = (kind: IbConnectError['kind'], message: string) => {
        if (settled) return;
        settled = true;
        this.timers.clearTimeout(timer);
        api.removeAllListeners();
        api.disconnect();
        reject(new IbConnectError(kind, message));
      };
      const timer = this.timers.setTimeout(
        () => fail('timeout', `no API handshake from ${host}:${port} within ${connectTimeoutMs} ms`),
        connectTimeoutMs,
      );
      api.on(EventName.server, (version: number, time: string) => {
        info.serverVersion = version;
        info.connectionTime = time;
      });
      api.on(EventName.managedAccounts, (list: string) => (info.accounts = list.split(',').filter(Boolean)));
      api.on(EventName.info, (message: string, code: number) => {
        if (code === IbCode.clientIdInUse) fail('client-id-in-use', `client id ${clientId}: ${message}`);
      });
      api.on(EventName.error, (err: Error, code: number) => {
        if (code === IbCode.connectFail) fail(socketFailure(err.message), `${host}:${port}: ${err.message}`);
        else if (code === 503 || code === 506) fail('version', `${host}:${port}: ${err.message}`);
      });
      api.on(EventName.disconnected, () => fail('closed', `${host}:${port} closed the connection during the API handshake`));
      api.once(EventName.nextValidId, (orderId: number) => {
        if (settled) return;
        settled = true;
        this.timers.clearTimeout(timer);
        info.nextOrderId = orderId;
        api.removeAllListeners();
        const session = new IbSession(api, info, this.limiter, this.timers, requestTimeoutMs);
        this.wire(session);
        resolve(session);
      });
      api.connect(clientId);
    });
  }

  /** Listens to a new session's errors, notices and close; done synchronously at nextValidId so no notice is missed. */
  private wire(session: IbSession): void {
    const { api } = session;
    api.on(EventName.error, (err: Error, code: number, reqId: number) => {
      this.emit('ib-error', { code, message: err.message, reqId });
      if (reqId >= 0 && session.routeError(reqId, code, err.message)) return;
      this.log.error(code === IbCode.decodeError ? 'ib.decode-error' : 'ib.error', err.message, { code, req_id: reqId });
    });
    api.on(EventName.info, (message: string, code: number) => this.onNotice(code, message));
    api.on(EventName.disconnected, () => {
      if (session === this.current) this.drop('the Gateway closed the connection');
      else session.end('closed before use');
    });
  }

  private adopt(session: IbSession): void {
    if (!session.isOpen) throw new IbConnectError('closed', `${this.options.host}:${this.options.port} closed the connection right after the handshake`);
    this.current = session;
    this.stateValue = 'connected';
    for (const e of this.subs) this.open(e);
    this.emit('connected', session.info);
  }

  private open(entry: SubscriptionEntry): void {
    entry.close?.();
    entry.close = entry.sub.open(this.session, () => entry.watchdog.feed());
    entry.watchdog.start();
  }

  private onNotice(code: number, message: string): void {
    if (code === IbCode.connectivityLost || code === IbCode.serverLinkBroken) {
      this.log.warn('ib.connectivity-lost', message, { code });
    } else if (code === IbCode.restoredDataLost || code === IbCode.restoredDataMaintained) {
      if (this.current?.isOpen) for (const e of this.subs) this.open(e);
      this.log.info('ib.connectivity-restored', `${message} (${this.subs.size} subscription(s) re-opened)`, { code });
      this.emit('restored', code);
    } else if (FARM_BROKEN.has(code)) {
      this.log.warn('ib.farm', message, { code });
    } else if (FARM_OK.has(code)) {
      this.log.info('ib.farm', message, { code });
    } else {
      this.log.info('ib.notice', message, { code });
    }
  }

  private onStale(name: string, silentMs: number): void {
    this.log.error('ib.watchdog', `${name}: no data for ${Math.round(silentMs / 1000)} s during market hours; the link looks dead, reconnecting`, {
      subscription: name,
      silent_ms: silentMs,
    });
    this.emit('stale', name, silentMs);
    this.forceReconnect(`watchdog: ${name} silent for ${silentMs} ms`);
  }

  private drop(reason: string): void {
    const session = this.current;
    if (!session) return;
    this.current = null;
    session.end(reason);
    for (const e of this.subs) {
      e.close = null;
      e.watchdog.stop();
    }
    this.log.warn('ib.disconnected', reason);
    this.emit('disconnected', reason);
    if (this.options.autoReconnect) void this.reconnectLoop();
    else this.stateValue = 'idle';
  }

  private async reconnectLoop(): Promise<void> {
    if (this.reconnecting) return;
    this.reconnecting = true;
    this.stateValue = 'reconnecting';
    try {
      for (let attempt = 0; this.stateValue === 'reconnecting'; attempt++) {
        const delay = backoffDelay(attempt, this.options.reconnectInitialMs, this.options.reconnectMaxMs);
        this.log.info('ib.reconnect', `reconnecting in ${delay} ms (attempt ${attempt + 1})`, { attempt: attempt + 1, delay_ms: delay });
        await this.wait(delay);
        if (this.stateValue !== 'reconnecting') return;
        try {
          this.adopt(await this.establish());
          this.log.info('ib.reconnected', `reconnected after ${attempt + 1} attempt(s); ${this.subs.size} subscription(s) re-opened`);
          return;
        } catch (e) {
          this.log.warn('ib.reconnect-failed', (e as Error).message);
        }
      }
    } finally {
      this.reconnecting = false;
    }
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = this.timers.setTimeout(() => {
        this.pendingWait = null;
        resolve();
      }, ms);
      this.pendingWait = { timer, resolve };
    });
  }
}
