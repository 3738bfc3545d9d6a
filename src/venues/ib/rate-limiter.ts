import type { Timers } from './timers.js';

/**
 * At most `limit` tasks in any sliding window of `windowMs`; the rest wait in order. IB
 * disconnects a client that sends more than 50 messages per second, so every outgoing
 * request of the IB venue goes through one of these.
 */
export class RateLimiter {
  private readonly sent: number[] = [];
  private readonly queue: (() => void)[] = [];
  private timer: unknown = null;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly timers: Timers,
  ) {}

  /** Runs `task` now if the window allows, else as soon as it does (FIFO). */
  run(task: () => void): void {
    this.queue.push(task);
    this.pump();
  }

  /** Tasks waiting for room in the window. */
  get waiting(): number {
    return this.queue.length;
  }

  private pump(): void {
    if (this.timer !== null) return;
    while (this.queue.length) {
      const now = this.timers.now();
      while (this.sent.length && this.sent[0]! <= now - this.windowMs) this.sent.shift();
      if (this.sent.length >= this.limit) {
        this.timer = this.timers.setTimeout(() => {
          this.timer = null;
          this.pump();
        }, this.sent[0]! + this.windowMs - now);
        return;
      }
      this.sent.push(now);
      this.queue.shift()!();
    }
  }
}
