/**
 * One-cancels-other groups, emulated in the core for venues that cannot hold them: the same code
 * serves the simulated broker and the IB path. It only keeps membership; the caller turns the
 * ids it returns into cancellations (events in the sim, Cancel commands towards IB). Fills are
 * whole: a partial fill would have to shrink the siblings instead, which no venue needs yet.
 */
export class OcoBook {
  private readonly groupOf = new Map<string, string>();
  private readonly members = new Map<string, string[]>();

  /** Puts a working order into a group (created on first use). */
  add(group: string, orderId: string): void {
    if (this.groupOf.has(orderId)) throw new Error(`OCO: order ${orderId} is already in group ${this.groupOf.get(orderId)}`);
    this.groupOf.set(orderId, group);
    const members = this.members.get(group);
    if (members === undefined) this.members.set(group, [orderId]);
    else members.push(orderId);
  }

  /** The order filled: returns the other members, which the caller must cancel, and dissolves the group. */
  filled(orderId: string): string[] {
    const group = this.groupOf.get(orderId);
    if (group === undefined) return [];
    const others = this.members.get(group)!.filter((id) => id !== orderId);
    for (const id of this.members.get(group)!) this.groupOf.delete(id);
    this.members.delete(group);
    return others;
  }

  /** The order ended without a fill (cancelled, rejected): it leaves its group, the others stay working. */
  remove(orderId: string): void {
    const group = this.groupOf.get(orderId);
    if (group === undefined) return;
    this.groupOf.delete(orderId);
    const rest = this.members.get(group)!.filter((id) => id !== orderId);
    if (rest.length === 0) this.members.delete(group);
    else this.members.set(group, rest);
  }

  /** How many orders are in groups: 0 once every group has ended (nothing leaks). */
  get size(): number {
    return this.groupOf.size;
  }
}
