import type { EpochMs } from '../core/time.js';

/**
 * The run loop's only source of time. Live reads the wall clock; a rehearsal runs a simulated
 * clock paced by `--speed`. Sleeps end early, returning false, when `stop` is aborted.
 */
export interface Clock {
  now(): EpochMs;
  /** Waits until `t`; true when `t` was reached, false when stopped first. */
  sleepUntil(t: EpochMs, stop?: AbortSignal): Promise<boolean>;
}

/** `--speed N` (N simulated seconds per wall second) or `max` (no waiting at all). */
export type Speed = number | 'max';

/** Parses `--speed`: a positive number or `max`; null when it is neither. */
export function parseSpeed(text: string): Speed | null {
  if (text === 'max') return 'max';
  const n = Number(text);
  return Number.isFinite(n) && n > 0 ? n : null;
}

/** Resolves after `ms` of wall time, or at once (false) when `stop` aborts. */
function wait(ms: number, stop?: AbortSignal): Promise<boolean> {
  if (stop?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (reached: boolean) => {
      clearTimeout(timer);
      stop?.removeEventListener('abort', onAbort);
      resolve(reached);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), Math.max(0, ms));
    stop?.addEventListener('abort', onAbort, { once: true });
  });
}

export class WallClock implements Clock {
  now(): EpochMs {
    return Date.now();
  }

  sleepUntil(t: EpochMs, stop?: AbortSignal): Promise<boolean> {
    return wait(t - Date.now(), stop);
  }
}

/**
 * Simulated time: it stands still between sleeps and jumps to each sleep's end. At speed N a
 * sleep of d simulated ms takes d / N wall ms; at `max` it only yields to the event loop (so
 * SIGINT is still heard).
 */
export class SimulatedClock implements Clock {
  constructor(
    private t: EpochMs,
    readonly speed: Speed,
  ) {}

  now(): EpochMs {
    return this.t;
  }

  /** Moves time forward without waiting: the rehearsal skips nights and weekends. */
  jumpTo(t: EpochMs): void {
    if (t > this.t) this.t = t;
  }

  async sleepUntil(t: EpochMs, stop?: AbortSignal): Promise<boolean> {
    const reached = this.speed === 'max' ? await yieldOnce(stop) : await wait((t - this.t) / this.speed, stop);
    if (reached) this.jumpTo(t);
    return reached;
  }
}

const yieldOnce = (stop?: AbortSignal): Promise<boolean> => new Promise((resolve) => setImmediate(() => resolve(!stop?.aborted)));
