import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { HEARTBEAT_FILE, readHeartbeat, type HeartbeatRead } from './heartbeat.js';

/**
 * A daily risk state as found on disk. The run loop's store (src/risk/daily-state.ts) owns the
 * format; this reader only needs `date` and `halted` to recognise one and shows what else it finds.
 */
export interface DailyStateSeen {
  file: string;
  date: string;
  halted: boolean;
  haltReason: string | null;
  entriesToday: number | null;
  startEquity: number | null;
}

/** Everything `optbot status` reads: the heartbeat and any other JSON state in the folder. */
export interface RunState {
  stateDir: string;
  heartbeat: HeartbeatRead;
  dailyStates: DailyStateSeen[];
  /** JSON files that are neither the heartbeat nor a daily risk state (shown, not interpreted). */
  otherFiles: string[];
  /** Files that could not be read or parsed, with the reason. */
  problems: string[];
}

export function readRunState(stateDir: string): RunState {
  const state: RunState = { stateDir, heartbeat: readHeartbeat(stateDir), dailyStates: [], otherFiles: [], problems: [] };
  const kind = statSync(stateDir, { throwIfNoEntry: false });
  if (!kind) return state;
  if (!kind.isDirectory()) {
    state.problems.push(`${stateDir}: not a folder`);
    return state;
  }
  const files = readdirSync(stateDir)
    .filter((f) => f.endsWith('.json') && f !== HEARTBEAT_FILE)
    .sort();
  for (const file of files) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(stateDir, file), 'utf8'));
    } catch (e) {
      state.problems.push(`${join(stateDir, file)}: ${(e as Error).message}`);
      continue;
    }
    const daily = asDailyState(file, raw);
    if (daily) state.dailyStates.push(daily);
    else state.otherFiles.push(file);
  }
  return state;
}

function asDailyState(file: string, raw: unknown): DailyStateSeen | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const top = raw as Record<string, unknown>;
  // The run loop's daily-state.json keeps the risk day inside the engine's snapshot.
  const engine = top.engine as Record<string, unknown> | undefined;
  const r = typeof engine?.day === 'object' && engine.day !== null ? (engine.day as Record<string, unknown>) : top;
  if (typeof top.date !== 'string' || typeof r.halted !== 'boolean') return null;
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  return {
    file,
    date: top.date,
    halted: r.halted,
    haltReason: typeof r.haltReason === 'string' ? r.haltReason : null,
    entriesToday: num(r.entriesToday),
    startEquity: num(r.startEquity),
  };
}
