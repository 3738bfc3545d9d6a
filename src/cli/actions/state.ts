import { StateFileStore } from '../../runtime/state-file-store.js';

/** `optbot state show`: the saved daily state in a few lines (or why it is blocked). */
export function showState(stateDir: string): void {
  const { state: s, blocked } = new StateFileStore(stateDir).load();
  const out = process.stdout;
  if (blocked) out.write(`BLOCKED: ${blocked}\n`);
  if (!s) return void out.write(`no state in ${stateDir}\n`);
  const day = s.engine.day;
  out.write(`date ${s.date}, saved after ${new Date(s.asOf).toISOString()} by run ${s.runId}\n`);
  out.write(`equity cash ${s.engine.cash.toFixed(2)}, realized ${s.engine.realized.toFixed(2)}\n`);
  out.write(`guard ${day?.halted ? `HALTED: ${day.haltReason}` : 'clear'}, entries today ${day?.entriesToday ?? 0}\n`);
  out.write(`open positions ${s.engine.positions.length}, working entries ${s.engine.pendingEntries.length}\n`);
}

/** `optbot state reset --confirm`: removes the state files, keeping corrupt copies. */
export function resetState(stateDir: string): void {
  const removed = new StateFileStore(stateDir).reset();
  process.stdout.write(removed.length ? `removed ${removed.join(', ')}\n` : `nothing to reset in ${stateDir}\n`);
}
