/**
 * The ids a tape segment (tape.ts) reserves for its compact slots: each slot's node id and its result
 * tensor's id. Both counters advance with the slots in a chain of recorded ops (one node and one
 * tensor per slot), so a segment keeps them as runs -- from slot `at[i]` on, id = slot + delta[i] --
 * instead of two int32 per slot: a scalar graph's slab is then 8 bytes a slot smaller, and the
 * pages a fresh slab faults in are most of the cost of recording one (docs/engine.md).
 */
export class IdRuns {
  /** The first slot of each run, ascending, and its id minus slot. */
  private readonly at: number[] = [];
  private readonly delta: number[] = [];
  /** The delta of the newest run (NaN before the first): the recorder compares against it. */
  last = NaN;

  /** Slot k, the newest recorded, has `id` (called only when id - k !== last). */
  note(k: number, id: number): void {
    const d = id - k;
    this.at.push(k);
    this.delta.push(d);
    this.last = d;
  }

  /** The id noted for slot k (the run that contains it: the last one starting at or before k). */
  idOf(k: number): number {
    const at = this.at;
    let lo = 0, hi = at.length - 1;
    if (hi < 0 || at[0] > k) throw new Error(`internal: no id was noted for slot ${k}`);
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (at[mid] <= k) lo = mid;
      else hi = mid - 1;
    }
    return k + this.delta[lo];
  }

  /** Runs noted (tests: a chain of ops takes one). */
  get runs(): number {
    return this.at.length;
  }
}
