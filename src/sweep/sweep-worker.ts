import { parentPort, workerData } from 'node:worker_threads';
import { barsOf, sliceBars } from './shared-bars.js';
import { runVariant } from './run-variant.js';
import type { SweepJob, WorkerInit, WorkerReply } from './sweep-job.js';

/*
 * A sweep worker thread: maps the shared bars once, then runs each job it is sent and posts
 * back its statistics. Started by SweepPool from the compiled file (dist/src/sweep/sweep-worker.js).
 */
const init = workerData as WorkerInit;
const bars = barsOf(init.bars);
const port = parentPort!;

port.on('message', (job: SweepJob) => {
  let reply: WorkerReply;
  try {
    const start = performance.now();
    const run = runVariant(job.settings, init.symbol, sliceBars(bars, job.from, job.to), init.vol);
    const result = { variant: job.variant, segment: job.segment, statistics: run.statistics, bars: job.to - job.from, runMs: performance.now() - start };
    reply = { ok: true, result: job.series ? { ...result, series: { trades: run.trades, equity: run.equity } } : result };
  } catch (e) {
    reply = { ok: false, job: `variant ${job.variant} (${job.segment})`, error: (e as Error)?.stack ?? String(e) };
  }
  port.postMessage(reply);
});
