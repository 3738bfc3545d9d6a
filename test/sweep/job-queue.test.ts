import { describe, expect, it } from 'vitest';
import { JobQueue } from '../../src/sweep/job-queue.js';

const jobs = (...groups: number[]) => groups.map((group, id) => ({ id, group }));
const ids = (xs: ({ id: number } | undefined)[]) => xs.map((x) => x?.id);

describe('the job queue of a sweep pool', () => {
  it('keeps a worker on its group and gives a new group to one worker while another is left', () => {
    const q = new JobQueue(jobs(0, 0, 1, 1, 2, 2));
    // Workers 0 and 1 alternate, as a pool does when jobs take equally long.
    expect(ids([q.take(0), q.take(1), q.take(0), q.take(1), q.take(0), q.take(1)])).toEqual([0, 2, 1, 3, 4, 5]);
    expect(q.take(0)).toBeUndefined();
    expect(q.size).toBe(0);
  });

  it('lets an idle worker join a group when no other group is left, so no worker waits', () => {
    const q = new JobQueue(jobs(0, 0, 0, 0, 0));
    expect(ids([q.take(0), q.take(1), q.take(0), q.take(1), q.take(1), q.take(0)])).toEqual([0, 1, 2, 3, 4, undefined]);
  });
});
