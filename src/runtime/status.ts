import { DateTime } from 'luxon';
import { isRegularHours, tradingDateOf } from '../calendar/index.js';
import type { EpochMs, TradingDate } from '../core/time.js';
import type { ConnectionState, Heartbeat, HeldPosition } from './heartbeat.js';
import { formatDuration } from './run-log.js';
import type { DailyStateSeen, RunState } from './run-state.js';

/** `optbot status` exit codes, for monitoring checks (documented in the README). */
export const StatusExit = {
  /** Alive (fresh heartbeat), connected to the Gateway, not halted. */
  healthy: 0,
  /** Alive but halted by the daily loss guard, or disconnected / reconnecting. */
  unhealthy: 1,
  /** A heartbeat exists but is older than the stale limit: the bot is dead or hung. */
  stale: 4,
  /** No heartbeat (never started here, wrong --state-dir) or an unreadable one. */
  noState: 5,
} as const;

export type Verdict = 'healthy' | 'unhealthy' | 'stale' | 'no-state';

export interface StatusReport {
  verdict: Verdict;
  exit_code: number;
  /** Why the verdict is not "healthy", in plain words; empty when healthy. */
  reasons: string[];
  now: EpochMs;
  state_dir: string;
  alive: boolean;
  heartbeat_age_s: number | null;
  stale_after_s: number | null;
  connection: ConnectionState | null;
  /** Regular trading hours at `now` (from the calendar, not from the bot). */
  regular_hours_now: boolean;
  halted: boolean;
  halt_reason: string | null;
  today: TradingDate;
  /** Today's daily risk state, when the run loop saved one. */
  daily_state: DailyStateSeen | null;
  positions: HeldPosition[];
  heartbeat: Heartbeat | null;
  /** Unreadable files, daily states of other days, unknown files: shown, not judged. */
  notes: string[];
}

export interface StatusOptions {
  /** Seconds after which a heartbeat is stale; default twice the interval the heartbeat declares. */
  staleAfterS?: number;
}

/** The verdict on a state folder at `now`. Pure: the CLI reads the files and the clock. */
export function assessStatus(state: RunState, now: EpochMs, opts: StatusOptions = {}): StatusReport {
  const today = tradingDateOf(now);
  const hbRead = state.heartbeat;
  const hb = hbRead.status === 'ok' ? hbRead.heartbeat : null;
  const daily = state.dailyStates.find((d) => d.date === today) ?? null;
  const notes = [
    ...state.problems,
    ...state.dailyStates.filter((d) => d !== daily).map((d) => `${d.file}: daily state of ${d.date}, not today (${today}): ignored`),
    ...state.otherFiles.map((f) => `${f}: not a state this version knows`),
  ];
  const staleAfter = hb ? (opts.staleAfterS ?? 2 * hb.heartbeat_interval_s) : null;
  const age = hb ? (now - hb.ts) / 1000 : null;
  const alive = hb !== null && age! <= staleAfter!;
  const halted = (hb?.halted ?? false) || (daily?.halted ?? false);
  const haltReason = (hb?.halted ? hb.halt_reason : null) ?? (daily?.halted ? daily.haltReason : null);

  const reasons: string[] = [];
  let verdict: Verdict;
  if (hb === null) {
    verdict = 'no-state';
    reasons.push(hbRead.status === 'invalid' ? `${hbRead.path}: ${hbRead.problem}` : `no heartbeat at ${hbRead.path}`);
  } else if (!alive) {
    verdict = 'stale';
    reasons.push(`last heartbeat ${formatDuration(age!)} ago (stale after ${staleAfter} s): the bot is not running or hangs`);
  } else {
    if (hb.connection !== 'connected') reasons.push(`IB Gateway ${hb.connection}`);
    if (halted) reasons.push(`halted by the guard${haltReason ? `: ${haltReason}` : ''}`);
    verdict = reasons.length ? 'unhealthy' : 'healthy';
  }
  const exit = { healthy: StatusExit.healthy, unhealthy: StatusExit.unhealthy, stale: StatusExit.stale, 'no-state': StatusExit.noState }[verdict];

  return {
    verdict,
    exit_code: exit,
    reasons,
    now,
    state_dir: state.stateDir,
    alive,
    heartbeat_age_s: age === null ? null : Math.round(age),
    stale_after_s: staleAfter,
    connection: hb?.connection ?? null,
    regular_hours_now: isRegularHours(now),
    halted,
    halt_reason: haltReason,
    today,
    daily_state: daily,
    positions: hb?.positions ?? [],
    heartbeat: hb,
    notes,
  };
}

const newYork = (t: EpochMs) => DateTime.fromMillis(t, { zone: 'America/New_York' }).toFormat('yyyy-MM-dd HH:mm:ss') + ' ET';

/** The at-a-glance text: a verdict line, then one labelled line per aspect. */
export function formatStatus(r: StatusReport): string {
  const head = `optbot ${r.verdict.toUpperCase()} (exit ${r.exit_code})${r.reasons.length ? ': ' + r.reasons.join('; ') : ''}`;
  const rows: [string, string][] = [];
  const hb = r.heartbeat;
  if (hb) {
    rows.push(['heartbeat', `${newYork(hb.ts)}, ${formatDuration(r.heartbeat_age_s!)} ago (stale after ${r.stale_after_s} s) · pid ${hb.pid} · run ${hb.run_id} · ${hb.mode}`]);
    const bar = hb.last_bar_ts === null ? 'no bar yet' : `last bar ${newYork(hb.last_bar_ts)}`;
    rows.push(['running', `up ${formatDuration(hb.uptime_s)} · ${hb.cycles} cycles · ${bar} · ${hb.rss_mb} MB RSS`]);
    rows.push(['connection', hb.connection + (r.alive ? '' : ' (at the last heartbeat)')]);
  }
  rows.push(['market', `${r.regular_hours_now ? 'regular hours' : 'closed'} at ${newYork(r.now)}`]);
  const d = r.daily_state;
  const day = d ? ` · ${d.entriesToday ?? '?'} entries today · start equity ${d.startEquity ?? '?'} (${d.file})` : ' · no daily state for today';
  rows.push(['guard', (r.halted ? `HALTED${r.halt_reason ? `: ${r.halt_reason}` : ''}` : 'not halted') + day]);
  if (hb) {
    const held = r.positions.map((p) => `${p.instrument} × ${p.quantity} @ ${p.entry_price} since ${newYork(p.entry_ts)}`);
    rows.push(['holding', held.length ? held.join('; ') : 'nothing']);
  }
  for (const n of r.notes) rows.push(['note', n]);
  return [head, ...rows.map(([k, v]) => `  ${k.padEnd(11)} ${v}`)].join('\n') + '\n';
}
