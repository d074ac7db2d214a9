/**
 * The ids a tape segment (tape.ts) reserves for its compact slots: each slot's node id and its result
 * tensor's id. Both counters advance with the slots in a chain of recorded ops (one node and one
 * tensor per slot), so a segment keeps them as runs -- from slot `at[i]` on, id = slot + delta[i] --
 * instead of two int32 per slot: a scalar graph's slab is then 8 bytes a slot smaller, and the
 * pages a fresh slab faults in are most of the cost of recording one (docs/engine.md). Where ids jump
 * at most slots (a new leaf made before every op), runs would cost more than a number per slot, so
 * from then on every slot's id is kept in a plain array instead.
 */
export class IdRuns {
  /** The first slot of each run, ascending, and its id minus slot. */
  private readonly at: number[] = [];
  private readonly delta: number[] = [];
  /** Once runs are too many: the id of every slot from `denseFrom` on. */
  private dense: Float64Array | null = null;
  private denseFrom = 0;
  /**
   * The delta of the newest run (NaN before the first): the recorder calls `note` only when a slot's
   * id differs from it. NaN for good once ids are dense, so that every slot is noted.
   */
  last = NaN;

  /** Slot k, the newest recorded, has `id` (called when id - k !== last). */
  note(k: number, id: number): void {
    if (this.dense !== null) {
      this.keep(k, id);
      return;
    }
    const runs = this.at.length;
    // more than one run per 8 slots: a number per slot is smaller than two per run
    if (runs >= 32 && runs * 8 > k) {
      this.dense = new Float64Array(64);
      this.denseFrom = k;
      this.last = NaN;
      this.keep(k, id);
      return;
    }
    this.at.push(k);
    this.delta.push(id - k);
    this.last = id - k;
  }

  private keep(k: number, id: number): void {
    const i = k - this.denseFrom;
    let d = this.dense!;
    if (i >= d.length) {
      d = new Float64Array(Math.max(d.length * 2, i + 1));
      d.set(this.dense!);
      this.dense = d;
    }
    d[i] = id;
  }

  /** The id noted for slot k (the run that contains it: the last one starting at or before k). */
  idOf(k: number): number {
    if (this.dense !== null && k >= this.denseFrom) return this.dense[k - this.denseFrom];
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

  /** Runs noted (tests: a chain of ops takes one); -1 once ids are kept per slot. */
  get runs(): number {
    return this.dense === null ? this.at.length : -1;
  }
}
