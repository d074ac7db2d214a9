/**
 * Backward over the scalar tape: one reverse sweep with a Float64Array of gradients, no object per
 * node. It reproduces the object engine bit for bit: nodes run in decreasing id order (which is what
 * the engine's latest-created-first ready heap gives on a graph whose ids increase with creation),
 * each VJP is the expression the op's fused no-grad backward evaluates, rounded to float32 wherever
 * the object path makes a float32 tensor, and gradients meeting at a slot are summed in arrival order.
 * The element budget is charged what the object path allocates.
 *
 * It declines (returns false, having changed nothing) whenever the object path could behave in a way
 * the sweep does not model: a node was already built (it may carry retained grads or engine state),
 * a saved tensor was modified in place, the graph was freed, an input comes from outside the tape
 * and is not a leaf, or the budget would run out part-way. The caller then runs the general engine.
 */
import { Tensor } from './tensor';
import type { Tape } from './tape';
import { Meta } from './tape';
import { TapeOp, savesOf } from './tape-ops';
import { charge, fits } from './limits';
import { isGradEnabled, setGradEnabled } from './grad-mode';

/**
 * Sweep scratch shared by all segments (a sweep runs to completion before another can start): per
 * slot / external input the pending gradient and the stamp of the sweep that reached it.
 */
const scratch = { g: new Float64Array(0), m: new Int32Array(0), eg: new Float64Array(0), em: new Int32Array(0), epoch: 0, stop: 0 };

/** Rounds a float64 result to float32 when the object path would have stored it in a float32 tensor. */
const rnd = (f32: boolean, z: number): number => (f32 ? Math.fround(z) : z);

/**
 * d/d(input 0) and d/d(input 1) of one slot into out[0], out[1] (x, y: input values, v: the result);
 * returns the elements the object path allocates for them.
 */
function vjp(code: number, f32: boolean, g: number, x: number, y: number, v: number, e0: boolean, e1: boolean, out: Float64Array): number {
  switch (code) {
    case TapeOp.Add: out[0] = g; out[1] = g; return 0; // the incoming gradient itself, to both inputs
    case TapeOp.Sub: out[0] = g; out[1] = -g; return e1 ? 1 : 0;
    case TapeOp.Mul: out[0] = rnd(f32, g * y); out[1] = rnd(f32, g * x); return (e0 ? 1 : 0) + (e1 ? 1 : 0);
    case TapeOp.Div: // -grad * self / (other * other), one rounded tensor per step
      out[0] = rnd(f32, g / y);
      out[1] = rnd(f32, rnd(f32, -g * x) / rnd(f32, y * y));
      return (e0 ? 1 : 0) + (e1 ? 4 : 0);
    case TapeOp.Neg: out[0] = -g; return 1;
    case TapeOp.Exp: out[0] = rnd(f32, g * v); return 1;
    case TapeOp.Log: out[0] = rnd(f32, g / x); return 1;
    case TapeOp.Tanh: out[0] = rnd(f32, g * (1 - v * v)); return 1;
    case TapeOp.Sigmoid: out[0] = rnd(f32, g * (v * (1 - v))); return 1;
    case TapeOp.Relu: out[0] = v > 0 ? g : 0; return 1;
    case TapeOp.Pow: // grad * (self.pow(e - 1) * e): pow, mul, mul
      out[0] = y === 0 ? rnd(f32, g * 0) : rnd(f32, g * rnd(f32, rnd(f32, Math.pow(x, y - 1)) * y));
      return y === 0 ? 1 : 3;
    case TapeOp.Sqrt: out[0] = rnd(f32, g / (2 * v)); return 1;
    case TapeOp.Abs: out[0] = x > 0 ? g : x < 0 ? -g : 0; return 1;
    case TapeOp.Sin: out[0] = rnd(f32, g * Math.cos(x)); return 1;
    case TapeOp.Cos: out[0] = rnd(f32, -g * Math.sin(x)); return 1;
    case TapeOp.Reciprocal: out[0] = rnd(f32, -g * rnd(f32, v * v)); return 3; // neg, mul, mul
    case TapeOp.Rsub: out[0] = -g; return 1;
    case TapeOp.Sum: out[0] = g; return 1; // expand
    case TapeOp.Mean: out[0] = g; return 2; // expand, then / 1
    default: throw new Error(`tape op ${code} has no backward`);
  }
}

function reserve(tape: Tape): typeof scratch {
  const s = scratch;
  if (s.g.length < tape.cap) {
    s.g = new Float64Array(tape.cap);
    s.m = new Int32Array(tape.cap);
  }
  if (s.eg.length < tape.ext.length) {
    s.eg = new Float64Array(Math.max(16, tape.ext.length * 2));
    s.em = new Int32Array(s.eg.length);
  }
  if (s.epoch >= 0x3fffffff) {
    s.m.fill(0);
    s.em.fill(0);
    s.epoch = 0;
  }
  s.epoch++;
  return s;
}

/**
 * Backward from `root` (a tape result, implicit gradient 1): leaves' `.grad` accumulated as
 * AccumulateGrad does; slots freed unless `retainGraph`. False: nothing done, use the general engine.
 */
export function tapeBackward(root: Tensor, retainGraph: boolean): boolean {
  const tape = root._tape!, r = root._slot;
  const s = reserve(tape);
  const charges = sweep(tape, r, s, !retainGraph);
  if (charges < 0 || !fits(charges)) {
    if (!retainGraph) unfree(tape, r, s);
    return false;
  }
  charge('backward', charges);
  accumulateLeaves(tape, s);
  return true;
}

/**
 * Undo the freed marks of a declined sweep on the slots it processed (above `stop`, where it
 * declined). Such a slot whose op saves tensors was not freed before (the sweep declines at one);
 * for ops that save nothing the mark changes no behaviour, so clearing it is exact too.
 */
function unfree(tape: Tape, r: number, s: typeof scratch): void {
  const meta = tape.meta, m = s.m, ep = s.epoch;
  for (let k = r; k > s.stop; k--) if (m[k] === ep) meta[k] &= ~Meta.Freed;
}

/**
 * Reverse sweep from slot r; returns the elements the object path would charge, or -1 to decline.
 * `free`: mark each reached slot freed as it goes (undone by the caller if the sweep declines).
 */
function sweep(tape: Tape, r: number, s: typeof scratch, free: boolean): number {
  const { op, meta, a0, a1, val, c, lo, nodes, touched, ext, extVer } = tape;
  const G = s.g, M = s.m, EG = s.eg, EM = s.em, ep = s.epoch;
  const d = new Float64Array(2);
  G[r] = 1;
  M[r] = ep;
  let charges = 1; // the implicit root gradient (onesLike)
  for (let k = r, end = lo[r]; k >= end; k--) {
    if (M[k] !== ep) continue;
    if ((nodes !== null && nodes[k] !== undefined) || (touched !== null && touched.has(k))) return decline(s, k);
    const code = op[k], m = meta[k], i0 = a0[k];
    // the common steps of a scalar chain, x*c and x+c on a slot of this tape, without the general case's checks
    if (a1[k] === -1 && i0 >= 0 && (m & Meta.Freed) === 0) {
      const f32 = (m & Meta.F32) !== 0;
      if (code === TapeOp.Add) {
        charges += send(G, M, ep, i0, G[k], f32);
        if (free) meta[k] = m | Meta.Freed;
        continue;
      }
      if (code === TapeOp.Mul) {
        charges += 1 + send(G, M, ep, i0, rnd(f32, G[k] * c[k]), f32);
        if (free) meta[k] = m | Meta.Freed;
        continue;
      }
    }
    const saves = savesOf(code);
    if ((m & Meta.Freed) !== 0 && saves !== 0) return decline(s, k);
    const i1 = a1[k];
    let x: number, y: number;
    if (i0 >= 0) x = val[i0];
    else {
      const t = ext[-2 - i0].t;
      if ((saves & 1) !== 0 && t._version !== (extVer?.get(k * 2) ?? 0)) return decline(s, k);
      x = t._first();
    }
    if (i1 >= 0) y = val[i1];
    else if (i1 === -1) y = c[k];
    else {
      const t = ext[-2 - i1].t;
      if ((saves & 2) !== 0 && t._version !== (extVer?.get(k * 2 + 1) ?? 0)) return decline(s, k);
      y = t._first();
    }
    const f32 = (m & Meta.F32) !== 0, e0 = (m & Meta.E0) !== 0, e1 = (m & Meta.E1) !== 0;
    charges += vjp(code, f32, G[k], x, y, val[k], e0, e1, d);
    if (e0) {
      const c0 = i0 >= 0 ? send(G, M, ep, i0, d[0], f32) : sendExt(ext, EG, EM, ep, -2 - i0, d[0], f32);
      if (c0 < 0) return decline(s, k);
      charges += c0;
    }
    if (e1) {
      const c1 = i1 >= 0 ? send(G, M, ep, i1, d[1], f32) : sendExt(ext, EG, EM, ep, -2 - i1, d[1], f32);
      if (c1 < 0) return decline(s, k);
      charges += c1;
    }
    if (free) meta[k] = m | Meta.Freed; // last: no decline after marking
  }
  s.stop = lo[r] - 1;
  return charges;
}

/** The sweep declines at slot k (slots above it were processed and may carry freed marks). */
function decline(s: typeof scratch, k: number): number {
  s.stop = k;
  return -1;
}

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

/** Like send, into external input e; -1 when it is not a leaf (its graph lies beyond this tape). */
function sendExt(ext: Tape['ext'], EG: Float64Array, EM: Int32Array, ep: number, e: number, gi: number, f32: boolean): number {
  const x = ext[e];
  return x.fn !== null || x.tape !== null ? -1 : send(EG, EM, ep, e, gi, f32);
}

/** Each reached leaf gets its summed gradient as AccumulateGrad gives it (grad mode off, like the engine). */
function accumulateLeaves(tape: Tape, s: typeof scratch): void {
  const prev = isGradEnabled();
  setGradEnabled(false);
  try {
    const ext = tape.ext, EM = s.em, EG = s.eg, ep = s.epoch;
    for (let e = 0; e < ext.length; e++) {
      if (EM[e] !== ep) continue;
      const t = ext[e].t;
      t._accumulateGrad(new Tensor(null, t.shape, t.dtype, EG[e]), false, true);
    }
  } finally {
    setGradEnabled(prev);
  }
}
