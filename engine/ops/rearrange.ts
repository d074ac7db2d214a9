/**
 * Ops that move or mask elements without arithmetic: flip, roll, repeat, tril/triu, maskedFill (and
 * maskedFill_). Each backward is the same kind of op on the gradient (flip: flip; roll: roll back;
 * repeat: a sum over the copies; tril: tril; maskedFill: zeros at the mask), so createGraph works.
 */
import { Tensor } from '../tensor';
import { defineOp, run } from './define';
import type { OpDef, Operand } from './define';
import { broadcastStrides, broadcastsTo, contiguousStrides, fmtShape, normDim, numelOf, stridedOffsets } from '../shape';
import { ArgumentError, ShapeError } from '../errors';
import { charge, chargeCompute, fits } from '../limits';
import { isGradEnabled } from '../grad-mode';
import { checkLeaf, commit, previous, rebaseHistory } from './inplace';
import * as V from './view';
import { sum } from './reduce';

const T = (x: Operand): Tensor => x as Tensor;

/** out[i] = x[src[i]]: a copy of x with its elements moved. */
function moved(op: string, x: Tensor, shape: readonly number[], src: Int32Array): Tensor {
  const out = Tensor.empty(op, shape, x.dtype);
  const s = x.dataSync(), o = out.dataSync();
  for (let i = 0; i < src.length; i++) o[i] = s[src[i]];
  return out;
}

/** Distinct dims of x, wrapped; `op` names the caller in errors. */
function dimList(op: string, dims: number | readonly number[], ndim: number): number[] {
  const list = (typeof dims === 'number' ? [dims] : dims).map((d) => normDim(op, d, ndim));
  if (new Set(list).size !== list.length) throw new ArgumentError(op, `dims has duplicates: ${JSON.stringify(dims)}`);
  return list;
}

// ---- flip ----
export const Flip: OpDef<readonly number[]> = defineOp<readonly number[]>({
  name: 'FlipBackward0', formulas: ['grad.flip(dims)'], saves: 0,
  forward: ([a], dims) => {
    const x = T(a), st = contiguousStrides(x.shape);
    let base = 0;
    // reading a flipped dim backwards: start at its last index, negative stride
    for (const d of dims) {
      base += (x.shape[d] - 1) * st[d];
      st[d] = -st[d];
    }
    const src = stridedOffsets(x.shape, st).map((v) => v + base);
    return moved('flip', x, x.shape, src);
  },
  backward: (g, n) => [run(Flip, [g], n.params)],
});
export function flip(x: Tensor, dims: number | readonly number[]): Tensor {
  return run(Flip, [x], dimList('flip', dims, x.shape.length));
}

// ---- roll ----
export interface RollParams { shifts: readonly number[]; dims: readonly number[] }
export const Roll: OpDef<RollParams> = defineOp<RollParams>({
  name: 'RollBackward0', formulas: ['grad.roll(-shifts, dims)'], saves: 0,
  forward: ([a], p) => {
    const x = T(a), n = numelOf(x.shape);
    // no dims: roll the flattened elements (one node, as torch records it)
    const shape = p.dims.length === 0 ? [n] : x.shape, dims = p.dims.length === 0 ? [0] : p.dims;
    const st = contiguousStrides(shape);
    const src = new Int32Array(n);
    // output coordinate c along a rolled dim reads input coordinate (c - shift) mod size
    for (let i = 0; i < n; i++) {
      let off = 0;
      for (let d = 0; d < shape.length; d++) {
        let c = Math.floor(i / st[d]) % shape[d];
        const k = dims.indexOf(d);
        if (k >= 0) c = (((c - p.shifts[k]) % shape[d]) + shape[d]) % shape[d];
        off += c * st[d];
      }
      src[i] = off;
    }
    return moved('roll', x, x.shape, src);
  },
  backward: (g, n) => [run(Roll, [g], { shifts: n.params.shifts.map((s) => -s), dims: n.params.dims })],
});
/** torch.roll(x, shifts, dims): without dims, x is flattened, rolled and reshaped back. */
export function roll(x: Tensor, shifts: number | readonly number[], dims?: number | readonly number[]): Tensor {
  const s = typeof shifts === 'number' ? [shifts] : [...shifts];
  if (dims === undefined) {
    if (s.length !== 1) throw new ArgumentError('roll', `shifts must have one element when dims is not given, got ${s.length}`);
    if (!Number.isInteger(s[0])) throw new ArgumentError('roll', 'shifts must be integers');
    return run(Roll, [x], { shifts: s, dims: [] });
  }
  const d = dimList('roll', dims, x.shape.length);
  if (d.length !== s.length) throw new ArgumentError('roll', `shifts and dimensions must align. shifts: ${s.length}, dims:${d.length}`);
  if (!s.every(Number.isInteger)) throw new ArgumentError('roll', 'shifts must be integers');
  return run(Roll, [x], { shifts: s, dims: d });
}

// ---- repeat ----
export const Repeat = defineOp<readonly number[]>({
  name: 'RepeatBackward0', formulas: ['repeat_backward(grad, repeats, self.sizes())'], saves: 0,
  forward: ([a], reps) => {
    const x = T(a), lead = reps.length - x.shape.length;
    const inShape = [...new Array<number>(lead).fill(1), ...x.shape];
    const shape = inShape.map((s, i) => s * reps[i]);
    const inSt = contiguousStrides(inShape), outSt = contiguousStrides(shape);
    // the index map holds one offset per result element: a result over the budget fails before it is built
    if (!fits(numelOf(shape))) charge('repeat', numelOf(shape));
    const src = new Int32Array(numelOf(shape));
    for (let i = 0; i < src.length; i++) {
      let off = 0;
      for (let d = 0; d < shape.length; d++) off += ((Math.floor(i / outSt[d]) % shape[d]) % inShape[d]) * inSt[d];
      src[i] = off;
    }
    return moved('repeat', x, shape, src);
  },
  // the gradient viewed as [r0, s0, r1, s1, ...] and summed over the copies r_i
  backward: (g, n) => {
    const x = T(n.input(0)), reps = n.params, lead = reps.length - x.shape.length;
    const inShape = [...new Array<number>(lead).fill(1), ...x.shape];
    const split = inShape.flatMap((s, i) => [reps[i], s]);
    return [V.reshape(sum(V.reshape(g, split), inShape.map((_, i) => 2 * i)), x.shape)];
  },
});
export function repeat(x: Tensor, reps: readonly number[]): Tensor {
  if (reps.length < x.shape.length) throw new ArgumentError('repeat', 'Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor');
  if (!reps.every((r) => Number.isInteger(r) && r >= 0)) throw new ArgumentError('repeat', `repeats must be non-negative integers, got ${JSON.stringify(reps)}`);
  return run(Repeat, [x], reps);
}

// ---- tril / triu ----
export interface TriParams { k: number; lower: boolean }
function triForward(x: Tensor, p: TriParams): Tensor {
  const out = Tensor.empty(p.lower ? 'tril' : 'triu', x.shape, x.dtype);
  const r = x.shape[x.shape.length - 2], c = x.shape[x.shape.length - 1];
  // element (i, j) of each matrix is kept when j - i <= k (tril) or j - i >= k (triu)
  for (let e = 0; e < out.dataSync().length; e++) {
    const j = e % c, i = Math.floor(e / c) % r;
    if (p.lower ? j - i <= p.k : j - i >= p.k) out.dataSync()[e] = x.dataSync()[e];
  }
  return out;
}
export const Tril: OpDef<TriParams> = defineOp<TriParams>({ name: 'TrilBackward0', formulas: ['grad.tril(diagonal)'], saves: 0, forward: ([a], p) => triForward(T(a), p), backward: (g, n) => [run(Tril, [g], n.params)] });
export const Triu: OpDef<TriParams> = defineOp<TriParams>({ name: 'TriuBackward0', formulas: ['grad.triu(diagonal)'], saves: 0, forward: ([a], p) => triForward(T(a), p), backward: (g, n) => [run(Triu, [g], n.params)] });
function tri(op: 'tril' | 'triu', x: Tensor, k: number): Tensor {
  if (x.shape.length < 2) throw new ArgumentError(op, `${op}: input tensor must have at least 2 dimensions`);
  if (!Number.isInteger(k)) throw new ArgumentError(op, `argument 'diagonal' must be an integer, got ${k}`);
  return run(op === 'tril' ? Tril : Triu, [x], { k, lower: op === 'tril' });
}
export const tril = (x: Tensor, diagonal = 0): Tensor => tri('tril', x, diagonal);
export const triu = (x: Tensor, diagonal = 0): Tensor => tri('triu', x, diagonal);

// ---- maskedFill ----
export interface MaskParams { mask: Tensor; value: number }
export const MaskedFill: OpDef<MaskParams> = defineOp<MaskParams>({
  name: 'MaskedFillBackward0', formulas: ['grad.masked_fill(mask, 0)'], saves: 0,
  forward: ([a], p) => {
    const x = T(a), out = Tensor.empty('masked_fill', x.shape, x.dtype);
    const m = stridedOffsets(x.shape, broadcastStrides(p.mask.shape, x.shape)), md = p.mask.dataSync();
    for (let i = 0; i < out.dataSync().length; i++) out.dataSync()[i] = md[m[i]] !== 0 ? p.value : x.dataSync()[i];
    return out;
  },
  backward: (g, n) => [run(MaskedFill, [g], { mask: n.params.mask, value: 0 })],
});
function maskParams(op: string, x: Tensor, mask: Tensor, value: number): MaskParams {
  if (!(mask instanceof Tensor) || mask.dtype !== 'bool') throw new ArgumentError(op, `${op} only supports boolean masks, but got mask with dtype ${mask instanceof Tensor ? mask.dtype : typeof mask}`);
  if (typeof value !== 'number') throw new ArgumentError(op, `argument 'value' must be a number, got ${typeof value}`);
  if (!broadcastsTo(mask.shape, x.shape)) throw new ShapeError(op, `the mask's shape ${fmtShape(mask.shape)} does not broadcast to the tensor's shape ${fmtShape(x.shape)}`);
  return { mask: mask.detach(), value };
}
/** x with `value` where mask (bool, broadcast to x) is true; the gradient is zero there. */
export function maskedFill(x: Tensor, mask: Tensor, value: number): Tensor {
  return run(MaskedFill, [x], maskParams('masked_fill', x, mask, value));
}
/** In place: x's history continues through MaskedFillBackward0, as torch's. */
export function maskedFill_<X extends Tensor>(x: X, mask: Tensor, value: number): X {
  const p = maskParams('masked_fill_', x, mask, value);
  checkLeaf('masked_fill_', x);
  chargeCompute('masked_fill_', x.numel());
  const needsGraph = isGradEnabled() && x.requiresGrad;
  const prev = needsGraph ? previous(x, false) : x;
  commit('masked_fill_', x, MaskedFill.forward([prev], p));
  if (needsGraph) rebaseHistory(MaskedFill, [prev], p, x);
  return x;
}

// ---- flatten / unflatten: reshapes (torch records the reshape's or view's node) ----
/** Dims startDim..endDim merged into one; a 0-d tensor becomes 1-d; nothing to merge returns x. */
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  if (x.shape.length === 0) return V.reshape(x, [1]);
  const s = normDim('flatten', startDim, x.shape.length), e = normDim('flatten', endDim, x.shape.length);
  if (s > e) throw new ArgumentError('flatten', 'flatten() has invalid args: start_dim cannot come after end_dim');
  if (s === e) return x;
  const merged = x.shape.slice(s, e + 1).reduce((a, b) => a * b, 1);
  return V.reshape(x, [...x.shape.slice(0, s), merged, ...x.shape.slice(e + 1)]);
}
/** Dim `dim` split into `sizes` (one may be -1), as a view. */
export function unflatten(x: Tensor, dim: number, sizes: readonly number[]): Tensor {
  const d = normDim('unflatten', dim, x.shape.length);
  if (sizes.length === 0) throw new ArgumentError('unflatten', 'unflatten: sizes must be non-empty');
  return V.view(x, [...x.shape.slice(0, d), ...sizes, ...x.shape.slice(d + 1)]);
}
