import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SharedBars } from './shared-bars.js';
import { JobQueue } from './job-queue.js';
import type { JobResult, SweepJob, WorkerInit, WorkerReply } from './sweep-job.js';
import type { VolTable } from './vol-series.js';

/**
 * The compiled worker. From dist/ it sits beside this file; under vitest, which runs the TypeScript
 * sources, this file is src/sweep/sweep-pool.ts and the worker is taken from the build (`npm test`
 * builds first), because a worker thread runs plain JavaScript.
 */
export const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? '../../dist/src/sweep/sweep-worker.js' : './sweep-worker.js', import.meta.url);

export const defaultWorkers = (): number => availableParallelism();

export interface PoolRun {
  /** Jobs whose result was delivered. */
  completed: number;
  /** True when `signal` stopped the run before every job finished. */
  interrupted: boolean;
}

/**
 * Runs `jobs` on `workers` threads sharing `bars`, handing each idle thread its next job (by
 * group: ./job-queue.ts) and each result to `onResult` as it arrives (completion order).
 * Aborting `signal` stops at once:
 * results already delivered stand, jobs in flight are dropped, the threads are terminated.
 */
export async function runJobs(
  jobs: readonly SweepJob[],
  opts: { bars: SharedBars; vol: VolTable; symbol: string; workers: number; onResult: (r: JobResult) => void; signal?: AbortSignal | undefined },
): Promise<PoolRun> {
  const init: WorkerInit = { bars: opts.bars, vol: opts.vol, symbol: opts.symbol };
  const count = Math.max(1, Math.min(opts.workers, jobs.length));
  if (jobs.length === 0 || opts.signal?.aborted) return { completed: 0, interrupted: Boolean(opts.signal?.aborted) && jobs.length > 0 };
  const workers = Array.from({ length: count }, () => new Worker(WORKER_URL, { workerData: init, execArgv: [] }));
  const queue = new JobQueue(jobs);
  let completed = 0;
  let stop = () => {};
  try {
    await new Promise<void>((resolve, reject) => {
      stop = () => resolve();
      opts.signal?.addEventListener('abort', stop, { once: true });
      const feed = (w: Worker, index: number) => {
        const job = queue.take(index);
        if (job) w.postMessage(job);
      };
      for (const [index, w] of workers.entries()) {
        w.on('message', (reply: WorkerReply) => {
          if (opts.signal?.aborted) return;
          if (!reply.ok) return reject(new Error(`sweep worker failed on ${reply.job}: ${reply.error}`));
          try {
            opts.onResult(reply.result);
          } catch (e) {
            return reject(e);
          }
          if (++completed === jobs.length) resolve();
          else feed(w, index);
        });
        w.on('error', reject);
        w.on('exit', (code) => {
          if (completed < jobs.length && !opts.signal?.aborted) reject(new Error(`sweep worker exited with code ${code}`));
        });
        feed(w, index);
      }
    });
  } finally {
    opts.signal?.removeEventListener('abort', stop);
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return { completed, interrupted: completed < jobs.length };
}
