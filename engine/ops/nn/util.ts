/** Helpers shared by the nn ops: operand casts, dim handling, float result dtypes, constants. */
import { Tensor } from '../../tensor';
import type { Operand } from '../define';
import type { Dtype } from '../../dtype';
import { getDefaultDtype, isFloating } from '../../dtype';
import { normDim, reducedStrides, stridedOffsets } from '../../shape';
import { ArgumentError } from '../../errors';

/** An operand the op's wrapper guarantees to be a tensor. */
export const T = (x: Operand): Tensor => x as Tensor;

/** Result dtype of a float op: the input's when floating, else the default dtype. */
export function floatDtype(d: Dtype): Dtype {
  return isFloating(d) ? d : getDefaultDtype();
}

export function requireFloat(op: string, t: Tensor): void {
  if (!isFloating(t.dtype)) throw new ArgumentError(op, `expected a floating point tensor, got ${t.dtype}`);
}

/** Split a shape around `dim` into outer × size × inner, the layout of a softmax-like reduction. */
export interface AxisLayout {
  outer: number;
  size: number;
  inner: number;
}

export function axisLayout(shape: readonly number[], dim: number): AxisLayout {
  let outer = 1;
  let inner = 1;
  for (let i = 0; i < dim; i++) outer *= shape[i];
  for (let i = dim + 1; i < shape.length; i++) inner *= shape[i];
  return { outer, size: shape.length === 0 ? 1 : shape[dim], inner };
}

/** Distinct, normalised, sorted dims; an empty list means every dim (torch's dim=[] / None). */
export function normDims(op: string, dim: number | readonly number[], ndim: number): number[] {
  const list = typeof dim === 'number' ? [dim] : dim;
  if (list.length === 0) return Array.from({ length: ndim }, (_, i) => i);
  const out = list.map((d) => normDim(op, d, ndim));
  if (new Set(out).size !== out.length) throw new ArgumentError(op, `dim ${out.join(', ')} appears multiple times in the list of dims`);
  // a 0-d tensor accepts dim 0 / -1 but has no dim to reduce
  return ndim === 0 ? [] : out.sort((a, b) => a - b);
}

/** The shape with `dims` kept as size 1. */
export function keepdimShape(shape: readonly number[], dims: readonly number[]): number[] {
  return shape.map((s, i) => (dims.includes(i) ? 1 : s));
}

/** The shape with `dims` removed. */
export function reducedShape(shape: readonly number[], dims: readonly number[], keepdim: boolean): number[] {
  if (keepdim) return keepdimShape(shape, dims);
  return shape.filter((_, i) => !dims.includes(i));
}

/** A constant (never recorded) tensor of the given shape filled by f(i). */
export function constantTensor(op: string, shape: readonly number[], dtype: Dtype, f: (i: number) => number): Tensor {
  const t = Tensor.empty(op, shape, dtype);
  for (let i = 0; i < t.dataSync().length; i++) t.dataSync()[i] = f(i);
  return t;
}

/** For each element of `shape`, the flat index of its slot in the keepdim-reduced shape. */
export function reducedIndex(shape: readonly number[], dims: readonly number[]): Int32Array {
  return stridedOffsets(shape, reducedStrides(keepdimShape(shape, dims)));
}
