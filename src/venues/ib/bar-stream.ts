import { EventName } from '@stoqey/ib';
import type { Bar } from '../../core/bar.js';
import type { IbSubscription } from './ib-connection.js';
import { stockContract } from './ib-contracts.js';
import type { IbRequestError } from './ib-errors.js';
import { FORMAT_EPOCH_SECONDS, parseBarTime } from './ib-time.js';

/**
 * A keepUpToDate 1-minute bar subscription. IB sends the last hour, then updates of the forming
 * bar every few seconds; a bar is closed when a later one starts. Only bars newer than the last
 * delivered are handed on, so a re-opened stream fills the gap of a reconnect without repeats.
 */
export function openBarStream(symbol: string, onBar: (bar: Bar) => void, onError: (e: IbRequestError) => void): IbSubscription {
  let lastDelivered = -Infinity;
  return {
    name: `${symbol} 1-minute bars`,
    open(session, alive) {
      let forming: Bar | null = null;
      const see = (bar: Bar) => {
        alive();
        if (forming && bar.ts > forming.ts && forming.ts > lastDelivered) {
          lastDelivered = forming.ts;
          onBar(forming);
        }
        if (!forming || bar.ts >= forming.ts) forming = bar;
      };
      const toBar = (date: string, open: number, high: number, low: number, close: number, volume: number): Bar => ({
        ts: parseBarTime(date),
        open,
        high,
        low,
        close,
        volume,
      });
      const handle = session.stream(
        `${symbol} bar stream`,
        (api, reqId) => api.reqHistoricalData(reqId, stockContract(symbol), '', '3600 S', '1 min' as never, 'TRADES' as never, 1, FORMAT_EPOCH_SECONDS, true),
        (api, reqId) => api.cancelHistoricalData(reqId),
        {
          [EventName.historicalData]: (date: string, o: number, h: number, l: number, c: number, v: number) => {
            if (date.startsWith('finished')) alive();
            else see(toBar(date, o, h, l, c, v));
          },
          // The update's arguments come in the same order as historicalData's (the decoder reorders IB's fields).
          [EventName.historicalDataUpdate]: (date: string, o: number, h: number, l: number, c: number, v: number) => see(toBar(date, o, h, l, c, v)),
        },
        onError,
      );
      return handle.close;
    },
  };
}
