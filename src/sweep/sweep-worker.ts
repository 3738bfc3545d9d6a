import { parentPort, workerData } from 'node:worker_threads';
import { barsOf } from './shared-bars.js';
import { VariantRunner } from './run-variant.js';
import type { JobResult, SweepJob, WorkerInit, WorkerReply } from './sweep-job.js';

/*
 * A sweep worker thread: maps the shared bars once, then runs each job it is sent and posts back
 * its statistics. Started by the pool from the compiled file (dist/src/sweep/sweep-worker.js).
 */
const init = workerData as WorkerInit;
const runner = new VariantRunner(barsOf(init.bars), init.symbol, init.vol);
const port = parentPort!;

function runJob(job: SweepJob): WorkerReply {
  try {
    const start = performance.now();
    const run = runner.run(job.settings, job.from, job.to, job.shared);
    const result: JobResult = { variant: job.variant, segment: job.segment, statistics: run.statistics, bars: job.to - job.from, runMs: performance.now() - start };
    // postMessage copies the equity views before the runner's next run overwrites them.
    if (job.series) result.series = { trades: run.trades, equity: run.equity };
    return { ok: true, result };
  } catch (e) {
    return { ok: false, job: `variant ${job.variant} (${job.segment})`, error: (e as Error)?.stack ?? String(e) };
  }
}

port.on('message', (job: SweepJob) => port.postMessage(runJob(job)));
