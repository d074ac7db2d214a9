/**
 * select, slice/narrow (Select/Slice nodes, as torch records them): views of their input, sharing
 * its storage (view-place.ts); getitem lives in getitem.ts.
 */
import { Tensor } from '../tensor';
import { defineOp, run } from './define';
import type { OpDef, Operand } from './define';
import { contiguousStrides, normDim } from '../shape';
import { ArgumentError } from '../errors';
import { scatterAddStrided } from './ewise';
import { placeOf, viewAt } from './view-place';

const T = (x: Operand): Tensor => x as Tensor;


export interface SliceParams {
  dim: number;
  start: number;
  step: number;
  len: number;
  /** The input's shape (backward needs it; the input itself is not saved). */
  inShape: readonly number[];
}
export interface SelectParams {
  dim: number;
  index: number;
  inShape: readonly number[];
}

/** Dense strides of x adjusted to read the block [start : start+len*step : step] along dim. */
function sliceRead(shape: readonly number[], p: { dim: number; start: number; step: number }): { offset: number; strides: number[] } {
  const st = contiguousStrides(shape);
  const offset = p.start * st[p.dim];
  st[p.dim] *= p.step;
  return { offset, strides: st };
}

/** A view of x: elements start, start+step, ... (len of them) along dim. */
function sliceForward(x: Tensor, p: SliceParams): Tensor {
  const shape = x.shape.slice();
  shape[p.dim] = p.len;
  const at = placeOf(x), st = at.strides.slice();
  st[p.dim] *= p.step;
  const vs = x.strides().slice();
  vs[p.dim] *= p.step;
  return viewAt(x, shape, { storage: at.storage, offset: at.offset + p.start * at.strides[p.dim], strides: st }, vs, true);
}

/** A view of x: element `index` along dim, the dim removed. */
function selectForward(x: Tensor, p: SelectParams): Tensor {
  const keep = (_: number, i: number): boolean => i !== p.dim;
  const at = placeOf(x);
  const place = { storage: at.storage, offset: at.offset + p.index * at.strides[p.dim], strides: at.strides.filter(keep) };
  return viewAt(x, x.shape.filter(keep), place, x.strides().filter(keep), true);
}

/** zeros(inShape) with grad written into the slice: the VJP of slice (differentiable in grad). */
export const SliceBackwardOp: OpDef<SliceParams> = defineOp<SliceParams>({
  name: 'SliceBackwardBackward0', doc: 'scatter grad into zeros at a slice; d/dgrad = grad.slice(...)', formulas: ['grad.slice(dim, start, end, step)'], saves: 0,
  forward: ([g], p) => {
    const out = Tensor.empty('slice', p.inShape, T(g).dtype);
    const r = sliceRead(p.inShape, p);
    scatterAddStrided(T(g).dataSync(), out.dataSync(), r.offset, r.strides, T(g).shape);
    return out;
  },
  backward: (gg, n) => [run(Slice, [gg], { ...n.params, inShape: gg.shape })],
});
export const SelectBackwardOp: OpDef<SelectParams> = defineOp<SelectParams>({
  name: 'SelectBackwardBackward0', doc: 'scatter grad into zeros at an index; d/dgrad = grad.select(dim, index)', formulas: ['grad.select(dim, index)'], saves: 0,
  forward: ([g], p) => {
    const out = Tensor.empty('select', p.inShape, T(g).dtype);
    const r = sliceRead(p.inShape, { dim: p.dim, start: p.index, step: 1 });
    r.strides.splice(p.dim, 1);
    scatterAddStrided(T(g).dataSync(), out.dataSync(), r.offset, r.strides, T(g).shape);
    return out;
  },
  backward: (gg, n) => [run(Select, [gg], { ...n.params, inShape: gg.shape })],
});

export const Slice: OpDef<SliceParams> = defineOp<SliceParams>({
  name: 'SliceBackward0', doc: 'a strided range along a dim; d/dself = grad scattered into zeros', formulas: ['slice_backward(grad, sizes, dim, start, end, step)'], saves: 0,
  forward: ([a], p) => sliceForward(T(a), p),
  backward: (g, n) => [run(SliceBackwardOp, [g], n.params)],
});
export const Select: OpDef<SelectParams> = defineOp<SelectParams>({
  name: 'SelectBackward0', doc: 'one index along a dim; d/dself = grad scattered into zeros', formulas: ['select_backward(grad, sizes, dim, index)'], saves: 0,
  forward: ([a], p) => selectForward(T(a), p),
  backward: (g, n) => [run(SelectBackwardOp, [g], n.params)],
});

export function select(x: Tensor, dim: number, index: number): Tensor {
  if (x.shape.length === 0) throw new ArgumentError('select', 'select() cannot be applied to a 0-dim tensor.');
  const d = normDim('select', dim, x.shape.length);
  const size = x.shape[d];
  if (!Number.isInteger(index) || index < -size || index >= size) {
    throw new ArgumentError('select', `index ${index} is out of bounds for dimension ${d} with size ${size}`);
  }
  return run(Select, [x], { dim: d, index: index < 0 ? index + size : index, inShape: x.shape });
}

/** Python slice bounds: negative counts from the end, out-of-range clamps. */
export function slice(x: Tensor, dim: number, start?: number | null, end?: number | null, step: number | null = 1): Tensor {
  if (x.shape.length === 0) throw new ArgumentError('slice', 'slice() cannot be applied to a 0-dim tensor.');
  const d = normDim('slice', dim, x.shape.length);
  const size = x.shape[d];
  const st = step ?? 1;
  if (!Number.isInteger(st) || st < 1) throw new ArgumentError('slice', 'slice step must be positive');
  const clampBound = (v: number | null | undefined, dflt: number): number => {
    if (v === null || v === undefined) return dflt;
    const w = v < 0 ? v + size : v;
    return Math.min(Math.max(w, 0), size);
  };
  const s = clampBound(start, 0), e = Math.max(clampBound(end, size), s);
  return run(Slice, [x], { dim: d, start: s, step: st, len: Math.ceil((e - s) / st), inShape: x.shape });
}

export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  const d = normDim('narrow', dim, x.shape.length);
  const s = start < 0 ? start + x.shape[d] : start;
  if (s < 0 || length < 0 || s + length > x.shape[d]) throw new ArgumentError('narrow', `start (${start}) + length (${length}) exceeds dimension size (${x.shape[d]}).`);
  return slice(x, d, s, s + length, 1);
}
