import type { Timers } from './timers.js';

/**
 * Paces tasks evenly: one every `windowMs / limit`, so any window of `windowMs` holds at most
 * `limit`, and never as a burst that a little network jitter could squeeze over IB's limit (IB
 * disconnects a client sending more than 50 messages per second). Every outgoing request of
 * the IB venue goes through one limiter; waiting tasks run in order.
 */
export class RateLimiter {
  private readonly spacingMs: number;
  private lastRun = -Infinity;
  private readonly queue: (() => void)[] = [];
  private timer: unknown = null;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly timers: Timers,
  ) {
    this.spacingMs = windowMs / limit;
  }

  /** Runs `task` now if the pace allows, else in its turn. */
  run(task: () => void): void {
    this.queue.push(task);
    this.pump();
  }

  /** Tasks waiting for their turn. */
  get waiting(): number {
    return this.queue.length;
  }

  private pump(): void {
    if (this.timer !== null) return;
    while (this.queue.length) {
      const wait = this.lastRun + this.spacingMs - this.timers.now();
      if (wait > 0) {
        this.timer = this.timers.setTimeout(() => {
          this.timer = null;
          this.pump();
        }, wait);
        return;
      }
      this.lastRun = this.timers.now();
      this.queue.shift()!();
    }
  }
}
