import type { Timers } from './timers.js';

/**
 * Raises `onStale` when `feed()` has not been called for `timeoutMs` while `isActive(now)` holds.
 * @stoqey/ib streams go silent rather than erroring when the link dies; this is what notices.
 * Outside active hours silence is expected and the watchdog only re-arms.
 */
export class StalenessWatchdog {
  private timer: unknown = null;
  private lastFedAt = 0;

  constructor(
    private readonly timeoutMs: number,
    private readonly timers: Timers,
    private readonly isActive: (now: number) => boolean,
    private readonly onStale: (silentMs: number) => void,
  ) {}

  /** Starts (or restarts) watching from now. */
  start(): void {
    this.lastFedAt = this.timers.now();
    this.arm();
  }

  /** Data arrived: the feed is alive. */
  feed(): void {
    this.lastFedAt = this.timers.now();
  }

  stop(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(): void {
    this.stop();
    const due = this.lastFedAt + this.timeoutMs - this.timers.now();
    this.timer = this.timers.setTimeout(() => this.check(), Math.max(1, due));
  }

  private check(): void {
    this.timer = null;
    const now = this.timers.now();
    const silent = now - this.lastFedAt;
    if (silent < this.timeoutMs) return this.arm();
    if (!this.isActive(now)) {
      this.lastFedAt = now;
      return this.arm();
    }
    this.onStale(silent);
  }
}
