import { afterEach } from 'vitest';
import { defaultSettings } from '../../src/config/schema.js';
import type { LogEvent } from '../../src/logging/log-event.js';
import { Logger } from '../../src/logging/logger.js';
import { connectionOptions, type IbConnectionOptions } from '../../src/venues/ib/connection-options.js';
import { IbConnection } from '../../src/venues/ib/ib-connection.js';
import type { ClientErrors } from '../support/fake-gateway/client-errors.js';
import type { FakeGateway } from '../support/fake-gateway/fake-gateway.js';

/** A logger that keeps every event for assertions. */
export function testLogger(): { log: Logger; events: LogEvent[]; named(event: string): LogEvent[] } {
  const events: LogEvent[] = [];
  const log = new Logger({ runId: 'test', level: 'debug', sinks: [{ write: (e) => events.push(e) }], now: Date.now });
  return { log, events, named: (event) => events.filter((e) => e.event === event) };
}

/** Connection options for `gateway` with test-sized timings (milliseconds, never minutes). */
export function fastOptions(gateway: FakeGateway, overrides: Partial<IbConnectionOptions> = {}): IbConnectionOptions {
  return connectionOptions(defaultSettings().broker, () => true, {
    host: gateway.host,
    port: gateway.port,
    connectTimeoutMs: 1_000,
    clientIdRetryMs: 20,
    reconnectInitialMs: 20,
    reconnectMaxMs: 200,
    watchdogMs: 5_000,
    requestTimeoutMs: 2_000,
    ...overrides,
  });
}

/** A connection whose client errors feed `errors` (so a 505 fails the test). */
export function connectionTo(gateway: FakeGateway, errors: ClientErrors, log: Logger, overrides: Partial<IbConnectionOptions> = {}): IbConnection {
  const conn = new IbConnection(fastOptions(gateway, overrides), log);
  conn.on('ib-error', (e) => errors.add(e));
  return conn;
}

/** Resolves on the next emission of `event`. */
export function next<K extends 'connected' | 'disconnected' | 'restored' | 'stale'>(conn: IbConnection, event: K): Promise<unknown[]> {
  return new Promise((resolve) => conn.once(event, ((...args: unknown[]) => resolve(args)) as never));
}

/** Closes the test's connection and stops its gateway after each test (both may be unset). */
export function closeAfterEach(get: () => { conn?: IbConnection; gateway?: FakeGateway }): void {
  afterEach(async () => {
    const { conn, gateway } = get();
    conn?.close();
    await gateway?.stop();
  });
}
