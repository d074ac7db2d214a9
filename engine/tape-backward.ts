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
import { M_E0, M_E1, M_F32, M_FREED } from './tape';
import { T_ADD, T_DIV, T_EXP, T_LOG, T_MEAN, T_MUL, T_NEG, T_POW, T_RELU, T_SIGMOID, T_SUB, T_SUM, T_TANH, savesOf } from './tape-ops';
import { charge, fits } from './limits';
import { isGradEnabled, setGradEnabled } from './grad-mode';

/**
 * Sweep scratch shared by all segments (a sweep runs to completion before another can start): per
 * slot / external input the pending gradient and the stamp of the sweep that reached it.
 */
const scratch = { g: new Float64Array(0), m: new Int32Array(0), eg: new Float64Array(0), em: new Int32Array(0), epoch: 0 };

/** d/d(input) of one slot, computed into `out[0]`, `out[1]`; returns the elements the object path allocates. */
function vjp(code: number, f32: boolean, g: number, x: number, y: number, v: number, e0: boolean, e1: boolean, out: Float64Array): number {
  const r = f32 ? Math.fround : (z: number): number => z;
  switch (code) {
    case T_ADD: out[0] = g; out[1] = g; return 0; // the incoming gradient itself, to both inputs
    case T_SUB: out[0] = g; out[1] = -g; return e1 ? 1 : 0;
    case T_MUL: out[0] = r(g * y); out[1] = r(g * x); return (e0 ? 1 : 0) + (e1 ? 1 : 0);
    case T_DIV: out[0] = r(g / y); out[1] = r(r(-g * x) / r(y * y)); return (e0 ? 1 : 0) + (e1 ? 4 : 0); // -g*self/(other*other)
    case T_NEG: out[0] = -g; return 1;
    case T_EXP: out[0] = r(g * v); return 1;
    case T_LOG: out[0] = r(g / x); return 1;
    case T_TANH: out[0] = r(g * (1 - v * v)); return 1;
    case T_SIGMOID: out[0] = r(g * (v * (1 - v))); return 1;
    case T_RELU: out[0] = v > 0 ? g : 0; return 1;
    case T_POW: out[0] = y === 0 ? r(g * 0) : r(g * r(r(Math.pow(x, y - 1)) * y)); return y === 0 ? 1 : 3; // pow, mul, mul
    case T_SUM: out[0] = g; return 1; // expand
    case T_MEAN: out[0] = g; return 2; // expand, then / 1
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
  const charges = sweep(tape, r, s);
  if (charges < 0 || !fits(charges)) return false;
  charge('backward', charges);
  accumulateLeaves(tape, s);
  if (!retainGraph) {
    const { meta, lo } = tape, m = s.m, ep = s.epoch;
    for (let k = r; k >= lo[r]; k--) if (m[k] === ep) meta[k] |= M_FREED;
  }
  return true;
}

/** Reverse sweep from slot r; returns the elements the object path would charge, or -1 to decline. */
function sweep(tape: Tape, r: number, s: typeof scratch): number {
  const { op, meta, a0, a1, val, c, lo, nodes, touched, ext, extVer } = tape;
  const G = s.g, M = s.m, EG = s.eg, EM = s.em, ep = s.epoch;
  const d = new Float64Array(2);
  G[r] = 1;
  M[r] = ep;
  let charges = 1; // the implicit root gradient (onesLike)
  for (let k = r, end = lo[r]; k >= end; k--) {
    if (M[k] !== ep) continue;
    if ((nodes !== null && nodes[k] !== undefined) || (touched !== null && touched.has(k))) return -1;
    const code = op[k], m = meta[k], saves = savesOf(code);
    if ((m & M_FREED) !== 0 && saves !== 0) return -1;
    const i0 = a0[k], i1 = a1[k];
    let x: number, y: number;
    if (i0 >= 0) x = val[i0];
    else {
      const t = ext[-2 - i0].t;
      if ((saves & 1) !== 0 && t._version !== (extVer?.get(k * 2) ?? 0)) return -1;
      x = t._first();
    }
    if (i1 >= 0) y = val[i1];
    else if (i1 === -1) y = c[k];
    else {
      const t = ext[-2 - i1].t;
      if ((saves & 2) !== 0 && t._version !== (extVer?.get(k * 2 + 1) ?? 0)) return -1;
      y = t._first();
    }
    const f32 = (m & M_F32) !== 0, e0 = (m & M_E0) !== 0, e1 = (m & M_E1) !== 0;
    charges += vjp(code, f32, G[k], x, y, val[k], e0, e1, d);
    for (let i = 0; i < 2; i++) {
      if (!(i === 0 ? e0 : e1)) continue;
      const to = i === 0 ? i0 : i1, gi = d[i];
      if (to >= 0) {
        // first arrival is stored as is (keeps -0); later ones are added as tensors: one charge each
        if (M[to] !== ep) {
          M[to] = ep;
          G[to] = gi;
        } else {
          G[to] = f32 ? Math.fround(G[to] + gi) : G[to] + gi;
          charges++;
        }
        continue;
      }
      const e = -2 - to, x = ext[e];
      if (x.fn !== null || x.tape !== null) return -1; // a graph beyond the tape: general engine
      if (EM[e] !== ep) {
        EM[e] = ep;
        EG[e] = gi;
      } else {
        EG[e] = f32 ? Math.fround(EG[e] + gi) : EG[e] + gi;
        charges++;
      }
    }
  }
  return charges;
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
