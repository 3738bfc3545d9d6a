import { sleep, type Timers } from './timers.js';

/** IB's pacing rules for historical data requests (a 162 "pacing violation" when broken). */
export interface HistoricalPacing {
  /** At most `maxRequests` in any `windowMs`: IB allows 60 per 10 minutes. */
  maxRequests: number;
  windowMs: number;
  /** No identical request (same contract, end, duration, bar size, type, RTH) within this: 15 s. */
  identicalGapMs: number;
  /** At most `perContractMax` requests for one contract in any `perContractWindowMs`: 6 per 2 s. */
  perContractMax: number;
  perContractWindowMs: number;
  /** Added to every window, so that network jitter cannot squeeze two sends closer at the Gateway than the rule allows. */
  slackMs: number;
}

export const IB_HISTORICAL_PACING: HistoricalPacing = {
  maxRequests: 60,
  windowMs: 600_000,
  identicalGapMs: 15_000,
  perContractMax: 6,
  perContractWindowMs: 2_000,
  slackMs: 250,
};

/** A historical request as the pacer sees it: its contract, and a key equal for identical requests. */
export interface PacedRequest {
  contract: string;
  key: string;
}

interface Sent extends PacedRequest {
  at: number;
}

/**
 * Holds historical requests until IB's three pacing rules allow them. `acquire` resolves when a
 * request may go and counts it as sent at that instant (so a request answered with 162 still
 * counts, as it does at IB). The clock is injected: tests run 10-minute windows in no real time.
 */
export class HistoricalPacer {
  private sent: Sent[] = [];

  constructor(
    private readonly timers: Timers,
    readonly pacing: HistoricalPacing = IB_HISTORICAL_PACING,
  ) {}

  /** Milliseconds until `req` may be sent without breaking a rule (0: now). */
  delayFor(req: PacedRequest): number {
    const now = this.timers.now();
    const p = this.pacing;
    this.sent = this.sent.filter((s) => now - s.at < Math.max(p.windowMs, p.identicalGapMs, p.perContractWindowMs) + p.slackMs);
    const allowedAt = Math.max(
      nthLatest(this.sent, p.maxRequests) + p.windowMs + p.slackMs,
      nthLatest(
        this.sent.filter((s) => s.contract === req.contract),
        p.perContractMax,
      ) +
        p.perContractWindowMs +
        p.slackMs,
      (this.sent.findLast((s) => s.key === req.key)?.at ?? -Infinity) + p.identicalGapMs + p.slackMs,
    );
    return Math.max(0, allowedAt - now);
  }

  /** Waits until `req` may be sent, then records it as sent now. Returns how long it waited (ms). */
  async acquire(req: PacedRequest): Promise<number> {
    const start = this.timers.now();
    for (let wait = this.delayFor(req); wait > 0; wait = this.delayFor(req)) await sleep(this.timers, wait);
    const at = this.timers.now();
    this.sent.push({ ...req, at });
    return at - start;
  }
}

/** The send time of the n-th latest request (n ≥ 1), or −∞ when there are fewer than n. */
function nthLatest(sent: readonly Sent[], n: number): number {
  return sent.length >= n ? sent[sent.length - n]!.at : -Infinity;
}
