/** The clock and timers of the IB venue, injected so tests can run backoffs and watchdogs in milliseconds. */
export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export const sleep = (timers: Timers, ms: number): Promise<void> => new Promise((resolve) => timers.setTimeout(resolve, ms));
