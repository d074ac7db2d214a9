/**
 * One run's trace forms of snapshots, shared by content. A trace repeats many equal tensors: the gradient a
 * grad function passes on is the next one's incoming gradient, a binding's value is its graph node's value.
 * Printing (PyTorch's text) dominates building a trace, so each distinct content is printed once and the
 * same `ValueSnapshot` object is returned for all of them (structured clone to the editor sends it once).
 * The live analyzer hands each run the previous run's table: after an edit most values and many gradients
 * are unchanged, and their trace forms (a pure function of what `sameTraceAs` compares) are taken from it.
 */
import type { ValueSnapshot } from './trace';
import type { Snap } from './snapshot';

interface Entry {
  snap: Snap;
  trace: ValueSnapshot;
}

export class SnapshotTable {
  private readonly buckets = new Map<number, Entry[]>();
  /** Scratch view to hash a double by its bits. */
  private readonly f64 = new Float64Array(1);
  private readonly u32 = new Uint32Array(this.f64.buffer);

  /** `previous`: the last run's table, whose trace forms this run may reuse (none when its data cap differs). */
  constructor(readonly dataCap: number, previous?: SnapshotTable) {
    this.previous = previous?.dataCap === dataCap ? previous.buckets : undefined;
  }

  private readonly previous: Map<number, Entry[]> | undefined;

  of(s: Snap): ValueSnapshot {
    if (!s.shareable) return s.build(this.dataCap);
    const h = this.hash(s);
    let bucket = this.buckets.get(h);
    if (bucket) {
      for (const e of bucket) if (e.snap.sameTraceAs(s)) return e.trace;
    } else {
      this.buckets.set(h, (bucket = []));
    }
    const trace = this.previousTrace(h, s) ?? s.build(this.dataCap);
    bucket.push({ snap: s, trace });
    return trace;
  }

  private previousTrace(h: number, s: Snap): ValueSnapshot | undefined {
    const bucket = this.previous?.get(h);
    if (bucket) for (const e of bucket) if (e.snap.sameTraceAs(s)) return e.trace;
    return undefined;
  }

  /** FNV-1a over the shape and the values' bits (equality is then checked exactly). */
  private hash(s: Snap): number {
    let h = 0x811c9dc5 ^ s.numel;
    for (const d of s.shape) h = Math.imul(h ^ d, 0x01000193);
    const data = s.data;
    for (let i = 0; i < data.length; i++) {
      this.f64[0] = data[i];
      h = Math.imul(h ^ this.u32[0], 0x01000193);
      h = Math.imul(h ^ this.u32[1], 0x01000193);
    }
    return h;
  }
}
