import { createStrategies } from '../strategy/registry.js';
import { signalGroupOf, signalKeyOf } from './signal-tape.js';
import type { SweepJob } from './sweep-job.js';

/**
 * Plans the sharing of signals among jobs: numbers the groups of jobs that get the same signals
 * and puts each group's jobs next to each other (stable otherwise), so a worker runs each
 * strategy once per group and replays its signals for the rest (./job-queue.ts), and marks in
 * each job the strategies whose signals another job shares. Only those are
 * recorded: a recording no job replays would keep a year of signals alive for nothing.
 */
export function planSignalSharing(jobs: SweepJob[]): void {
  const groups = new Map<SweepJob, string>(jobs.map((j) => [j, signalGroupOf(j.settings, j.from, j.to)]));
  const firstOf = new Map<string, number>();
  for (const [i, j] of jobs.entries()) if (!firstOf.has(groups.get(j)!)) firstOf.set(groups.get(j)!, i);
  jobs.sort((a, b) => firstOf.get(groups.get(a)!)! - firstOf.get(groups.get(b)!)!);
  for (const j of jobs) j.group = firstOf.get(groups.get(j)!)!;

  const keys = new Map<SweepJob, [name: string, key: string][]>(
    jobs.map((j) => [j, createStrategies(j.settings).map((s) => [s.name, signalKeyOf(j.settings, s.name, j.from, j.to)])]),
  );
  const count = new Map<string, number>();
  for (const pairs of keys.values()) for (const [, key] of pairs) count.set(key, (count.get(key) ?? 0) + 1);
  for (const j of jobs) j.shared = keys.get(j)!.filter(([, key]) => count.get(key)! > 1).map(([name]) => name);
}
