/**
 * Backward over the scalar tape: reverse sweeps with Float64Arrays of gradients, no object per node.
 * It reproduces the object engine bit for bit: nodes run in decreasing id order (which is what the
 * engine's latest-created-first ready heap gives on a graph whose ids increase with creation), each
 * VJP is the op table's derivative evaluated as the tensor path does (tape-ops.ts), and gradients
 * meeting at a slot or leaf are summed in arrival order. A graph spanning several tape segments is
 * swept segment by segment, newest first (a segment's ids all exceed an older one's). The element
 * budget is charged what the object path allocates.
 *
 * It declines (returns false, having changed nothing) whenever the object path could behave in a way
 * the sweep does not model: a node was already built (it may carry retained grads or engine state),
 * a saved tensor was modified in place, the graph was freed, an input is an object-path result, or
 * the budget would run out part-way. The caller then runs the general engine.
 */
import { Tensor } from './tensor';
import type { Tape } from './tape';
import { Meta } from './tape';
import { Io, savesOf, vjp, VjpFlag } from './tape-ops';
import { charge, fits } from './limits';
import { isGradEnabled, setGradEnabled } from './grad-mode';

/** A segment's sweep arrays: per slot and per external input, the pending gradient and the stamp of the sweep that reached it. */
interface Arrays {
  /** Operands and results of the generated VJP (tape-ops.ts). */
  readonly io: Float64Array;
  g: Float64Array;
  m: Int32Array;
  eg: Float64Array;
  em: Int32Array;
}
/** The root segment's arrays, shared by all sweeps (one runs to completion before another starts). */
const shared = empty();
/**
 * The stamp of the current sweep, and the arrays of older segments a sweep reached through a
 * cross-segment input (they die with their tape; all are dropped when the stamps wrap).
 */
const sweeps = { epoch: 0, older: new WeakMap<Tape, Arrays>() };

function empty(): Arrays {
  return { io: new Float64Array(6), g: new Float64Array(0), m: new Int32Array(0), eg: new Float64Array(0), em: new Int32Array(0) };
}

function nextEpoch(): number {
  if (sweeps.epoch >= 0x3fffffff) {
    shared.m.fill(0);
    shared.em.fill(0);
    sweeps.older = new WeakMap();
    sweeps.epoch = 0;
  }
  return ++sweeps.epoch;
}

function fit(a: Arrays, tape: Tape): Arrays {
  if (a.g.length < tape.cap) {
    a.g = new Float64Array(tape.cap);
    a.m = new Int32Array(tape.cap);
  }
  if (a.eg.length < tape.ext.length) {
    a.eg = new Float64Array(Math.max(16, tape.ext.length * 2));
    a.em = new Int32Array(a.eg.length);
  }
  return a;
}

/** One segment's part of a sweep: gradients seeded into it, in arrival order, and how far it got. */
class Pass {
  readonly seedSlot: number[] = [];
  readonly seedVal: number[] = [];
  top = -1;
  low = 0x7fffffff;
  /** Where the sweep declined, or low - 1: slots above it were processed (and may be marked freed). */
  stop = 0;
  constructor(readonly tape: Tape, readonly a: Arrays) {}
  seed(k: number, g: number): void {
    this.seedSlot.push(k);
    this.seedVal.push(g);
    if (k > this.top) this.top = k;
    if (this.tape.lo[k] < this.low) this.low = this.tape.lo[k];
  }
}

/**
 * Backward from `root` (a tape result, implicit gradient 1): leaves' `.grad` accumulated as
 * AccumulateGrad does; slots freed unless `retainGraph`. False: nothing done, use the general engine.
 */
export function tapeBackward(root: Tensor, retainGraph: boolean): boolean {
  const ep = nextEpoch(), free = !retainGraph;
  const first = new Pass(root._tape!, fit(shared, root._tape!));
  first.seed(root._slot, 1);
  const passes: Pass[] = [];
  const pending = new Map<Tape, Pass>([[first.tape, first]]);
  let charges = 1; // the implicit root gradient (onesLike)
  for (let p = first; ; ) {
    pending.delete(p.tape);
    passes.push(p);
    if (passes.length > 1) carryLeaves(passes, p, ep);
    const c = sweep(p, ep, free, pending);
    if (c < 0) return undo(passes, ep, free);
    charges += c;
    let next: Pass | null = null;
    for (const q of pending.values()) if (next === null || q.tape.nidBase > next.tape.nidBase) next = q;
    if (next === null) break;
    p = next;
  }
  if (!fits(charges)) return undo(passes, ep, free);
  charge('backward', charges);
  accumulateLeaves(passes, ep);
  return true;
}

/** Undo the freed marks of a declined sweep; returns false (decline). */
function undo(passes: readonly Pass[], ep: number, free: boolean): false {
  if (free) for (const p of passes) unfree(p, ep);
  return false;
}

/**
 * Undo the freed marks of a pass on the slots it processed (above `stop`). Such a slot whose op
 * saves tensors was not freed before (the sweep declines at one); for ops that save nothing the
 * mark changes no behaviour, so clearing it is exact too.
 */
function unfree(p: Pass, ep: number): void {
  const meta = p.tape.meta, m = p.a.m;
  for (let k = p.top; k > p.stop; k--) if (m[k] === ep) meta[k] &= ~Meta.Freed;
}

/** A leaf reached in earlier (newer) passes keeps summing in this pass: move its running sum here. */
function carryLeaves(passes: readonly Pass[], p: Pass, ep: number): void {
  for (const q of passes) {
    if (q === p) continue;
    const ext = q.tape.ext, em = q.a.em;
    for (let e = 0; e < ext.length; e++) {
      if (em[e] !== ep) continue;
      const here = p.tape.leafIndex(ext[e].t);
      if (here < 0) continue;
      p.a.eg[here] = q.a.eg[e];
      p.a.em[here] = ep;
      em[e] = -1;
    }
  }
}

/**
 * Reverse sweep of one pass; returns the elements the object path would charge, or -1 to decline.
 * `free`: mark each processed slot freed (undone by the caller if the sweep declines). Gradients for
 * results of older segments are seeded into their passes in `pending`.
 */
function sweep(p: Pass, ep: number, free: boolean, pending: Map<Tape, Pass>): number {
  const tape = p.tape;
  const { op, meta, a0, a1, val, c, nodes, touched, ext, extVer } = tape;
  const { g: G, m: M } = p.a;
  const io = p.a.io;
  let charges = 0;
  for (let i = 0; i < p.seedSlot.length; i++) charges += send(G, M, ep, p.seedSlot[i], p.seedVal[i], (meta[p.seedSlot[i]] & Meta.F32) !== 0);
  for (let k = p.top, low = p.low; k >= low; k--) {
    if (M[k] !== ep) continue;
    if ((nodes !== null && nodes[k] !== undefined) || (touched !== null && touched.has(k))) return decline(p, k);
    const code = op[k], m = meta[k], i0 = a0[k];
    const saves = savesOf(code);
    if ((m & Meta.Freed) !== 0 && saves !== 0) return decline(p, k);
    const i1 = a1[k];
    let x: number, y: number;
    if (i0 >= 0) x = val[i0];
    else {
      const t = ext[-2 - i0].t;
      if ((saves & 1) !== 0 && t._version !== (extVer?.get(k * 2) ?? 0)) return decline(p, k);
      x = t._first();
    }
    if (i1 >= 0) y = val[i1];
    else if (i1 === -1) y = c[k];
    else {
      const t = ext[-2 - i1].t;
      if ((saves & 2) !== 0 && t._version !== (extVer?.get(k * 2 + 1) ?? 0)) return decline(p, k);
      y = t._first();
    }
    const f32 = (m & Meta.F32) !== 0, e0 = (m & Meta.E0) !== 0, e1 = (m & Meta.E1) !== 0;
    io[Io.Grad] = G[k];
    io[Io.X] = x;
    io[Io.Y] = y;
    io[Io.Result] = val[k];
    charges += vjp(code, (f32 ? VjpFlag.F32 : 0) | (i1 !== -1 ? VjpFlag.OtherTensor : 0) | (e0 ? VjpFlag.E0 : 0) | (e1 ? VjpFlag.E1 : 0), io);
    if (e0) {
      const c0 = i0 >= 0 ? send(G, M, ep, i0, io[Io.D0], f32) : sendExt(p, pending, -2 - i0, io[Io.D0], f32, ep);
      if (c0 < 0) return decline(p, k);
      charges += c0;
    }
    if (e1) {
      const c1 = i1 >= 0 ? send(G, M, ep, i1, io[Io.D1], f32) : sendExt(p, pending, -2 - i1, io[Io.D1], f32, ep);
      if (c1 < 0) return decline(p, k);
      charges += c1;
    }
    if (free) meta[k] = m | Meta.Freed; // last: no decline after marking
  }
  p.stop = p.low - 1;
  return charges;
}

/**
 * Like send, into external input e: a leaf's sum, or the pass of the older segment it is a result of;
 * -1 when it is an object-path result (its graph lies beyond the tapes).
 */
function sendExt(p: Pass, pending: Map<Tape, Pass>, e: number, gi: number, f32: boolean, ep: number): number {
  const x = p.tape.ext[e];
  if (x.fn !== null) return -1;
  if (x.tape === null) return send(p.a.eg, p.a.em, ep, e, gi, f32);
  seedOlder(pending, x.tape, x.slot, gi);
  return 0;
}

/** Gradient for slot k of an older segment: seeded into its pass (summed there, in arrival order). */
function seedOlder(pending: Map<Tape, Pass>, tape: Tape, k: number, g: number): void {
  let q = pending.get(tape);
  if (q === undefined) {
    q = new Pass(tape, fit(sweeps.older.get(tape) ?? empty(), tape));
    sweeps.older.set(tape, q.a);
    pending.set(tape, q);
  }
  q.seed(k, g);
}

/** The sweep declines at slot k (slots above it were processed and may carry freed marks). */
function decline(p: Pass, k: number): number {
  p.stop = k;
  return -1;
}

/** Rounds a float64 result to float32 where the tensor path would store it in a float32 tensor. */
const rnd = (f32: boolean, z: number): number => (f32 ? Math.fround(z) : z);

/**
 * Add gradient gi into slot j's pending sum: the first arrival is stored as is (keeping -0), later
 * ones are added as the object path adds tensors (rounded, one element charged each). Returns the charge.
 */
function send(G: Float64Array, M: Int32Array, ep: number, j: number, gi: number, f32: boolean): number {
  if (M[j] !== ep) {
    M[j] = ep;
    G[j] = gi;
    return 0;
  }
  G[j] = rnd(f32, G[j] + gi);
  return 1;
}

/** Each reached leaf gets its summed gradient as AccumulateGrad gives it (grad mode off, like the engine). */
function accumulateLeaves(passes: readonly Pass[], ep: number): void {
  const prev = isGradEnabled();
  setGradEnabled(false);
  try {
    for (const p of passes) {
      const ext = p.tape.ext, EM = p.a.em, EG = p.a.eg;
      for (let e = 0; e < ext.length; e++) {
        if (EM[e] !== ep) continue;
        const t = ext[e].t;
        t._accumulateGrad(new Tensor(null, t.shape, t.dtype, EG[e]), false, true);
      }
    }
  } finally {
    setGradEnabled(prev);
  }
}
