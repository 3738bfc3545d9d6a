import type { Session } from '../../calendar/index.js';
import type { Bar, BarColumns } from '../../core/bar.js';
import type { TradingDate } from '../../core/time.js';
import type { Logger } from '../../logging/logger.js';
import { BarInputError } from '../history/bar-file-error.js';
import type { BarStore } from '../history/bar-store.js';
import { backoffDelay } from './backoff.js';
import type { SessionToFetch } from './fetch-plan.js';
import type { HistoricalPacer } from './historical-pacer.js';
import type { IbConnection } from './ib-connection.js';
import { stockContract } from './ib-contracts.js';
import { IbCode, IbConnectError, IbRequestError } from './ib-errors.js';
import { historicalBars, type HistoricalQuery } from './ib-requests.js';
import { ibEndDateTime } from './ib-time.js';
import { sleep, type Timers } from './timers.js';

export type WhatToShow = NonNullable<HistoricalQuery['whatToShow']>;

/** The source tag of downloaded bars, e.g. "ib:TRADES". */
export const ibSource = (what: WhatToShow): string => `ib:${what}`;

export interface FetchHistoryDeps {
  conn: IbConnection;
  store: BarStore;
  pacer: HistoricalPacer;
  /** The clock of pacing back-offs (the pacer's own). */
  timers: Timers;
  log: Logger;
}

export interface FetchHistoryOptions {
  symbol: string;
  whatToShow: WhatToShow;
  /** First wait after a pacing violation (162); doubles per retry up to `pacingBackoffMaxMs`. */
  pacingBackoffMs: number;
  pacingBackoffMaxMs: number;
  /** Retries of a request answered with 162 before its session fails. */
  pacingRetries: number;
  /** After each session, with how many of `sessions` are done. */
  onSession?: (outcome: SessionOutcome, done: number, total: number) => void;
}

export type SessionOutcome =
  | {
      kind: 'fetched';
      date: TradingDate;
      /** Regular-hours bars IB returned. */
      received: number;
      /** Of them, minutes the store did not hold before. */
      inserted: number;
      /** Minutes already stored with other values, kept as stored (policy 'keep'). */
      kept: number;
      /** Regular-hours minutes still missing after the download (IB had no bar for them). */
      missing: number;
      /** 162 pacing violations met (and retried) on the way. */
      pacingRetries: number;
    }
  | { kind: 'failed'; date: TradingDate; reason: string };

export interface FetchSummary {
  outcomes: SessionOutcome[];
  fetched: number;
  failed: number;
  /** Bars newly stored, over every session. */
  barsStored: number;
  /** The Gateway dropped the connection: the sessions after the one it dropped on were not requested. */
  connectionLost: boolean;
}

/**
 * Downloads the 1-minute bars of each session (one request: the session's length in seconds,
 * ending at its close, regular hours only) and stores them through the bar store's validated
 * path, one transaction per session, so a failure later loses nothing stored before.
 *
 * Conflict policy 'keep': a partial session is requested whole, but only its missing minutes
 * are added; minutes already stored (from IB or an ingested file) are never rewritten, so a
 * re-run cannot silently change bars a backtest already used.
 *
 * Every request waits for the pacer; a 162 pacing violation backs off and retries the same
 * request. Other errors fail their session and the next one is tried; a lost connection ends
 * the run with the remaining sessions failed.
 */
export async function fetchHistory(deps: FetchHistoryDeps, sessions: readonly SessionToFetch[], opts: FetchHistoryOptions): Promise<FetchSummary> {
  const summary: FetchSummary = { outcomes: [], fetched: 0, failed: 0, barsStored: 0, connectionLost: false };
  const record = (o: SessionOutcome) => {
    summary.outcomes.push(o);
    if (o.kind === 'fetched') {
      summary.fetched++;
      summary.barsStored += o.inserted;
    } else {
      summary.failed++;
      deps.log.error('fetch.session-failed', `${o.date}: ${o.reason}`, { date: o.date });
    }
    opts.onSession?.(o, summary.outcomes.length, sessions.length);
  };
  for (const s of sessions) {
    if (summary.connectionLost) {
      record({ kind: 'failed', date: s.session.date, reason: 'not requested: the Gateway dropped the connection' });
      continue;
    }
    try {
      record(await fetchSession(deps, s, opts));
    } catch (e) {
      const lost = e instanceof IbConnectError || (e instanceof IbRequestError && e.code === IbCode.notConnected);
      if (!lost && !(e instanceof IbRequestError) && !(e instanceof BarInputError)) throw e;
      summary.connectionLost ||= lost;
      // A BarInputError lists its rows on lines of their own: one line per session in the report.
      const reason = lost ? 'the Gateway dropped the connection' : e instanceof IbRequestError ? describeRequestError(e) : e.message.replace(/\s*\n\s*/g, '; ');
      record({ kind: 'failed', date: s.session.date, reason });
    }
  }
  return summary;
}

async function fetchSession(deps: FetchHistoryDeps, s: SessionToFetch, opts: FetchHistoryOptions): Promise<SessionOutcome> {
  const { session } = s;
  const { bars, pacingRetries } = await requestPaced(deps, session, opts);
  const inSession = bars.filter((b) => b.ts >= session.open && b.ts < session.close);
  if (inSession.length === 0) {
    return { kind: 'failed', date: session.date, reason: `IB returned no regular-hours bars (${bars.length} in all)` };
  }
  const r = await deps.store.insertBars(opts.symbol, '1m', ibSource(opts.whatToShow), barColumns(inSession), 'keep');
  const missing = s.expected - s.stored - r.inserted;
  if (missing > 0) deps.log.warn('fetch.incomplete', `${session.date}: ${missing} of ${s.expected} minutes have no bar at IB`, { date: session.date, missing });
  return { kind: 'fetched', date: session.date, received: inSession.length, inserted: r.inserted, kept: r.kept, missing, pacingRetries };
}

/** Pacer waits at least this long are logged: a 10-minute pause should not look like a hang. */
const LONG_WAIT_MS = 5_000;

/** One session's request, through the pacer, retried with back-off on 162. */
async function requestPaced(deps: FetchHistoryDeps, session: Session, opts: FetchHistoryOptions): Promise<{ bars: Bar[]; pacingRetries: number }> {
  const query: HistoricalQuery = {
    endMs: session.close,
    durationSeconds: Math.round((session.close - session.open) / 1000),
    regularHoursOnly: true,
    whatToShow: opts.whatToShow,
  };
  const paced = {
    contract: opts.symbol,
    key: [opts.symbol, ibEndDateTime(query.endMs), query.durationSeconds, '1 min', query.whatToShow, 1].join('|'),
  };
  for (let attempt = 0; ; attempt++) {
    const slot = deps.pacer.nextSlot(paced);
    if (slot.delayMs >= LONG_WAIT_MS) {
      deps.log.info('fetch.pacing-wait', `${session.date}: waiting ${Math.round(slot.delayMs / 1000)} s (IB pacing: ${slot.rule})`, {
        date: session.date,
        wait_ms: slot.delayMs,
      });
    }
    await deps.pacer.acquire(paced);
    try {
      return { bars: await historicalBars(deps.conn.session, stockContract(opts.symbol), query), pacingRetries: attempt };
    } catch (e) {
      if (!(e instanceof IbRequestError && e.isPacing) || attempt >= opts.pacingRetries) throw e;
      const wait = backoffDelay(attempt, opts.pacingBackoffMs, opts.pacingBackoffMaxMs);
      deps.log.warn('fetch.pacing', `${session.date}: pacing violation (IB 162); retrying in ${Math.round(wait / 1000)} s`, {
        date: session.date,
        attempt: attempt + 1,
        wait_ms: wait,
      });
      await sleep(deps.timers, wait);
    }
  }
}

function describeRequestError(e: IbRequestError): string {
  if (e.isPacing) return 'pacing violation (IB 162) after every retry: IB still refuses historical requests; run again later';
  if (e.code === 0) return e.message.replace(/^.*?IB 0 /, '');
  return `IB ${e.code}: ${e.message.replace(/^.*?IB \d+ /, '')}`;
}

/** Bar objects as columns, the shape `BarStore.insertBars` takes. */
export function barColumns(bars: readonly Bar[]): BarColumns {
  const col = (field: (b: Bar) => number) => Float64Array.from(bars, field);
  return {
    ts: col((b) => b.ts),
    open: col((b) => b.open),
    high: col((b) => b.high),
    low: col((b) => b.low),
    close: col((b) => b.close),
    volume: col((b) => b.volume),
    length: bars.length,
  };
}
