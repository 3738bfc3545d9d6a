import type { Timers } from '../../src/venues/ib/timers.js';

/**
 * A clock that jumps: time stands still while anything runs and leaps to the next timer as soon
 * as the event loop is otherwise idle (a setImmediate turn). Give it only to code whose waits
 * are pure waits (the pacer, back-offs), never to request timeouts: a 10-minute pacing window
 * then passes in no real time, and in-flight socket replies arrive at the instant they left.
 */
export function virtualClock(start: number): Timers {
  let now = start;
  let ids = 0;
  let pending: { at: number; fn: () => void; id: number }[] = [];
  let scheduled = false;
  const step = () => {
    scheduled = false;
    pending.sort((a, b) => a.at - b.at || a.id - b.id);
    const next = pending.shift();
    if (!next) return;
    now = Math.max(now, next.at);
    next.fn();
    if (pending.length) schedule();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(step);
  };
  return {
    now: () => now,
    setTimeout(fn, ms) {
      pending.push({ at: now + Math.max(0, ms), fn, id: ++ids });
      schedule();
      return ids;
    },
    clearTimeout(h) {
      pending = pending.filter((p) => p.id !== h);
    },
  };
}
