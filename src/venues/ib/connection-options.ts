import type { Settings } from '../../config/schema.js';

/** Everything the connection manager needs, in milliseconds. Built from `broker` settings; tests pass small values. */
export interface IbConnectionOptions {
  host: string;
  port: number;
  clientId: number;
  /** Tried in order once `clientId` (and its retries) met 326. */
  clientIdFallbacks: number[];
  clientIdRetries: number;
  clientIdRetryMs: number;
  connectTimeoutMs: number;
  reconnectInitialMs: number;
  reconnectMaxMs: number;
  watchdogMs: number;
  requestTimeoutMs: number;
  maxMessagesPerSecond: number;
  /** Reconnect after a drop or a stale feed (live); false for one-shot commands such as `gateway check`. */
  autoReconnect: boolean;
  /** When a silent feed is a fault: regular trading hours. Outside them silence is normal. */
  isMarketOpen: (now: number) => boolean;
  /**
   * Whether order messages may reach the socket (`sendsOrders(settings, --place-orders)`). False
   * by default: every connection is built with the dry-run guard unless told otherwise.
   */
  sendOrders: boolean;
}

const s = (seconds: number) => Math.round(seconds * 1000);

export function connectionOptions(broker: Settings['broker'], isMarketOpen: (now: number) => boolean, overrides: Partial<IbConnectionOptions> = {}): IbConnectionOptions {
  return {
    host: broker.host,
    port: broker.port,
    clientId: broker.client_id,
    clientIdFallbacks: broker.client_id_fallbacks,
    clientIdRetries: broker.client_id_retries,
    clientIdRetryMs: s(broker.client_id_retry_seconds),
    connectTimeoutMs: s(broker.connect_timeout_seconds),
    reconnectInitialMs: s(broker.reconnect_initial_seconds),
    reconnectMaxMs: s(broker.reconnect_max_seconds),
    watchdogMs: s(broker.watchdog_seconds),
    requestTimeoutMs: s(broker.request_timeout_seconds),
    maxMessagesPerSecond: broker.max_messages_per_second,
    autoReconnect: true,
    isMarketOpen,
    sendOrders: false,
    ...overrides,
  };
}
