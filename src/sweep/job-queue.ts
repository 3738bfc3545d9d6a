/**
 * Jobs in groups (jobs whose signals are shared, ./signal-groups.ts), handed to workers so that a
 * worker stays on its group while the group has jobs, and a new group goes to one worker unless no
 * other group is left: each worker then records a group's signals once and replays them for the
 * rest, even where groups are small (two workers taking turns on a group of two would record twice
 * and replay nothing).
 */
export class JobQueue<J extends { group: number }> {
  /** Each group's jobs, in the order given, and the next one to hand out. */
  private readonly groups = new Map<number, { jobs: J[]; next: number }>();
  /** The group each worker is on. */
  private readonly on = new Map<number, number>();
  private left: number;

  constructor(jobs: readonly J[]) {
    for (const j of jobs) {
      const g = this.groups.get(j.group);
      if (g) g.jobs.push(j);
      else this.groups.set(j.group, { jobs: [j], next: 0 });
    }
    this.left = jobs.length;
  }

  get size(): number {
    return this.left;
  }

  /** The next job for `worker`, or undefined when none is left. */
  take(worker: number): J | undefined {
    if (this.left === 0) return undefined;
    const has = (g: number) => this.groups.get(g)!.next < this.groups.get(g)!.jobs.length;
    const taken = new Set([...this.on].filter(([w]) => w !== worker).map(([, g]) => g));
    const own = this.on.get(worker);
    const groups = [...this.groups.keys()];
    const group = own !== undefined && has(own) ? own : (groups.find((g) => has(g) && !taken.has(g)) ?? groups.find(has)!);
    this.on.set(worker, group);
    this.left--;
    const g = this.groups.get(group)!;
    return g.jobs[g.next++];
  }
}
