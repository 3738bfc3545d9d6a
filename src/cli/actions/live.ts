import pc from 'picocolors';
import { loadSettings } from '../../config/load-settings.js';
import { openDatabase } from '../../duckdb/database.js';
import { parseSpeed, SimulatedClock, type Clock } from '../../runtime/clock.js';
import { SettledWallClock } from '../../runtime/live-clock.js';
import { runLive } from '../../runtime/live-run.js';
import type { LiveFlags } from '../commands/live.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { newRunId } from '../run-id.js';
import { VERSION } from '../version.js';

/** `optbot live`: the run loop against IB Gateway until the sessions end or a signal stops it; prints CPU and peak RSS. */
export async function live(flags: LiveFlags): Promise<ExitCode> {
  const { settings } = loadSettings({ file: flags.config, set: flags.set, live: { placeOrders: flags.placeOrders } });
  const clock = clockOf(flags);
  const sessions = flags.sessions === undefined ? undefined : Number(flags.sessions);
  if (sessions !== undefined && !(Number.isInteger(sessions) && sessions > 0)) throw new CliError(`--sessions ${flags.sessions}: expected a positive whole number`, ExitCode.badInput);
  const runId = newRunId(settings.dry_run || !flags.placeOrders ? 'dry' : 'live');
  const db = await openDatabase(settings.data.store_path);
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  let onSignal: ((s: NodeJS.Signals) => void) | null = null;
  try {
    const result = await runLive({
      db,
      settings,
      placeOrders: flags.placeOrders,
      stateDir: flags.stateDir,
      runId,
      codeVersion: VERSION,
      now: Date.now,
      clock,
      sessions,
      consoleLog: true,
      onConnected: (t) => process.stdout.write(`${pc.bold('live')} ${runId}: ${t.mode === 'send' ? pc.red(t.line) : t.line}\n`),
      onStop: (stop) => {
        onSignal = (s) => stop(s);
        for (const s of signals) process.on(s, onSignal);
      },
    });
    const cpu = process.cpuUsage();
    const cpuS = (cpu.user + cpu.system) / 1e6;
    const peakMb = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(
      `live: ${result.sessions} session(s), ${result.journal.trades.length} trade(s), ${result.end}; cpu ${cpuS.toFixed(2)} s, peak RSS ${peakMb.toFixed(1)} MB\nrun id: ${runId}\n`,
    );
    return result.end === 'stopped' ? ExitCode.interrupted : ExitCode.ok;
  } finally {
    if (onSignal) for (const s of signals) process.off(s, onSignal);
    db.close();
  }
}

/** The wall clock, or a simulated one when `--clock-start` is given. */
function clockOf(flags: LiveFlags): Clock {
  if (flags.clockStart === undefined) return new SettledWallClock();
  const start = /^\d+$/.test(flags.clockStart) ? Number(flags.clockStart) : Date.parse(flags.clockStart);
  const speed = parseSpeed(flags.speed);
  if (!Number.isFinite(start) || speed === null) throw new CliError(`--clock-start ${flags.clockStart} --speed ${flags.speed}: expected a time and a positive number or max`, ExitCode.badInput);
  return new SimulatedClock(start, speed);
}
