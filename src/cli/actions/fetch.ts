import pc from 'picocolors';
import { loadSettings } from '../../config/load-settings.js';
import type { Settings } from '../../config/schema.js';
import { createLogger } from '../../logging/create-logger.js';
import type { Logger } from '../../logging/logger.js';
import { BarStore } from '../../venues/history/bar-store.js';
import { diagnoseConnectFailure } from '../../venues/ib/connect-diagnosis.js';
import { connectionOptions } from '../../venues/ib/connection-options.js';
import { fetchHistory, ibSource, type SessionOutcome, type WhatToShow } from '../../venues/ib/fetch-history.js';
import { planFetch, type FetchPlan } from '../../venues/ib/fetch-plan.js';
import { HistoricalPacer, IB_HISTORICAL_PACING, type HistoricalPacing } from '../../venues/ib/historical-pacer.js';
import { IbConnection } from '../../venues/ib/ib-connection.js';
import { IbConnectError } from '../../venues/ib/ib-errors.js';
import { realTimers, type Timers } from '../../venues/ib/timers.js';
import { checkDates } from '../check-dates.js';
import type { FetchFlags } from '../commands/fetch.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { progress, type Progress } from '../progress.js';
import type { SettingsFlags } from '../settings-options.js';

export interface FetchIo {
  /** One report line (stdout). */
  out(line: string): void;
  log: Logger;
  /** Wall clock: which sessions have closed. */
  now(): number;
  /** The clock of pacing and back-offs (tests: a virtual one). */
  timers?: Timers;
  pacing?: HistoricalPacing;
  progress?: (total: number) => Progress;
}

/** The `optbot fetch` command: settings, a log, and `fetchBars` reporting on stdout. */
export async function fetchMissingBars(flags: SettingsFlags & FetchFlags): Promise<ExitCode> {
  const { settings } = loadSettings({ file: flags.config, set: flags.set });
  const log = createLogger(settings, `fetch-${Date.now()}`);
  try {
    return await fetchBars(settings, flags, {
      out: (l) => process.stdout.write(l + '\n'),
      log,
      now: Date.now,
      progress: (total) => progress('fetch', total, 'sessions'),
    });
  } finally {
    log.close();
  }
}

/**
 * `optbot fetch`: plans which sessions the store lacks, connects, downloads them paced and prints
 * a summary. Exit 0 when every session is stored, 1 when some failed, 2 on bad input, 3 when the
 * Gateway cannot be reached or drops the connection.
 */
export async function fetchBars(settings: Settings, flags: FetchFlags, io: FetchIo): Promise<ExitCode> {
  checkFlags(flags);
  const store = await BarStore.open(settings.data.store_path);
  try {
    let plan: FetchPlan;
    try {
      plan = await planFetch(store, flags.symbol, flags.from, flags.to, io.now());
    } catch (e) {
      if (e instanceof TypeError || e instanceof RangeError) throw new CliError(`--from/--to: ${e.message}`, ExitCode.badInput);
      throw e;
    }
    const { host, port } = settings.broker;
    const total = plan.complete.length + plan.toFetch.length;
    io.out(
      `fetch ${flags.symbol} ${flags.bar} ${flags.what} ${flags.from} → ${flags.to}: ${count(total, 'session')}, ` +
        `${plan.complete.length} complete in the store, ${plan.toFetch.length} to fetch (IB Gateway ${host}:${port} → ${settings.data.store_path})`,
    );
    for (const s of plan.open) io.out(pc.yellow(`  ${s.date}  not closed yet: left out`));
    if (plan.toFetch.length === 0) {
      io.out(summaryLine(0, plan.complete.length, 0, 0, flags.what));
      return ExitCode.ok;
    }

    const timers = io.timers ?? realTimers;
    const conn = new IbConnection(connectionOptions(settings.broker, () => false, { autoReconnect: false }), io.log);
    try {
      await conn.connect();
    } catch (e) {
      if (!(e instanceof IbConnectError)) throw e;
      io.out(pc.red(`  FAILED      ${diagnoseConnectFailure(e, host, port, settings.broker.connect_timeout_seconds)}`));
      return ExitCode.unreachable;
    }
    const bar = io.progress?.(plan.toFetch.length);
    let summary;
    try {
      summary = await fetchHistory({ conn, store, pacer: new HistoricalPacer(timers, io.pacing ?? IB_HISTORICAL_PACING), timers, log: io.log }, plan.toFetch, {
        symbol: flags.symbol,
        whatToShow: flags.what,
        pacingBackoffMs: settings.broker.pacing_backoff_seconds * 1000,
        pacingBackoffMaxMs: settings.broker.pacing_backoff_max_seconds * 1000,
        pacingRetries: settings.broker.pacing_retries,
        onSession: (_o, done) => bar?.update(done),
      });
    } finally {
      bar?.stop();
      conn.close();
    }
    for (const o of summary.outcomes) {
      const line = outcomeLine(o);
      if (line) io.out(line);
    }
    io.out(summaryLine(summary.fetched, plan.complete.length, summary.failed, summary.barsStored, flags.what));
    if (summary.connectionLost) {
      io.out(pc.red('fetch: the Gateway dropped the connection; run the same command again to fetch the rest'));
      return ExitCode.unreachable;
    }
    return summary.failed > 0 ? ExitCode.failure : ExitCode.ok;
  } finally {
    store.close();
  }
}

function checkFlags(flags: FetchFlags): void {
  if (!/^[A-Z][A-Z0-9.]{0,9}$/.test(flags.symbol)) throw new CliError(`--symbol ${flags.symbol}: must be an upper-case ticker such as SPY`, ExitCode.badInput);
  checkDates(['--from', flags.from], ['--to', flags.to]);
  if (flags.from > flags.to) throw new CliError(`--from ${flags.from} is after --to ${flags.to}`, ExitCode.badInput);
}

/** A line for a session worth a look: failed, or stored with minutes IB did not have. Clean sessions stay quiet. */
function outcomeLine(o: SessionOutcome): string | null {
  if (o.kind === 'failed') return pc.red(`  ${o.date}  FAILED: ${o.reason}`);
  if (o.missing > 0) return pc.yellow(`  ${o.date}  ${o.missing} minute(s) without a bar at IB (${o.received} received)`);
  return null;
}

function summaryLine(fetched: number, skipped: number, failed: number, stored: number, what: WhatToShow): string {
  const text = `fetch: ${fetched} fetched, ${skipped} skipped (complete), ${failed} failed; ${count(stored, 'bar')} stored (source ${ibSource(what)})`;
  return failed > 0 ? pc.red(text) : pc.green(text);
}

const count = (n: number, what: string) => `${n.toLocaleString('en-US')} ${what}${n === 1 ? '' : 's'}`;
