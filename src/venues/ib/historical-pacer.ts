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
    return this.nextSlot(req).delayMs;
  }

  /** How long `req` would wait and the rule that holds it longest (null when it may go now). */
  nextSlot(req: PacedRequest): { delayMs: number; rule: string | null } {
    const now = this.timers.now();
    const p = this.pacing;
    this.sent = this.sent.filter((s) => now - s.at < Math.max(p.windowMs, p.identicalGapMs, p.perContractWindowMs) + p.slackMs);
    const rules: [string, number][] = [
      [`at most ${p.maxRequests} historical requests per ${seconds(p.windowMs)}`, nthLatest(this.sent, p.maxRequests) + p.windowMs],
      [
        `at most ${p.perContractMax} requests for one contract per ${seconds(p.perContractWindowMs)}`,
        nthLatest(
          this.sent.filter((s) => s.contract === req.contract),
          p.perContractMax,
        ) + p.perContractWindowMs,
      ],
      [`no identical request within ${seconds(p.identicalGapMs)}`, (this.sent.findLast((s) => s.key === req.key)?.at ?? -Infinity) + p.identicalGapMs],
    ];
    const [rule, allowedAt] = rules.reduce((a, b) => (b[1] > a[1] ? b : a));
    const delayMs = Math.max(0, allowedAt + p.slackMs - now);
    return { delayMs, rule: delayMs > 0 ? rule : null };
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
const seconds = (ms: number) => (ms % 60_000 === 0 ? `${ms / 60_000} min` : `${ms / 1000} s`);

function nthLatest(sent: readonly Sent[], n: number): number {
  return sent.length >= n ? sent[sent.length - n]!.at : -Infinity;
}
