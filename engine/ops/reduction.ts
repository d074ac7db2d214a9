/**
 * What every reduction shares: its dims and shapes, where each input element goes, and the charge
 * for reading all of its input. A leaf of the reductions (reduce.ts, minmax.ts, norm.ts, ...).
 */
import type { Tensor } from '../tensor';
import { normDim, reducedStrides, stridedOffsets } from '../shape';
import type { Shape } from '../shape';
import { chargeCompute } from '../limits';

/** A reduction's dims (sorted, normalised; all dims when none are given) and shapes. */
export interface Reduction {
  dims: number[];
  keepdim: boolean;
  /** Output shape with the reduced dims kept as 1 / removed. */
  keepShape: number[];
  outShape: number[];
  /** Elements reduced into each output. */
  count: number;
}

/**
 * A reduction writes few elements but reads all of x: that read is charged as work before it runs
 * (its output is charged by the allocation). Without it a loop of `big.sum()` would be unbounded.
 */
export function chargeRead(op: string, x: Tensor): void {
  chargeCompute(op, x.numel());
}

export function reduction(op: string, x: Tensor, dim: number | readonly number[] | null | undefined, keepdim: boolean): Reduction {
  const nd = x.shape.length;
  const list = dim === null || dim === undefined ? [] : typeof dim === 'number' ? [dim] : dim;
  const dims = list.length === 0 ? x.shape.map((_, i) => i) : [...new Set(list.map((d) => normDim(op, d, nd)))].sort((a, b) => a - b);
  const keepShape = x.shape.map((s, i) => (dims.includes(i) ? 1 : s));
  const outShape = keepdim ? keepShape : x.shape.filter((_, i) => !dims.includes(i));
  let count = 1;
  for (const d of dims) if (d < nd) count *= x.shape[d];
  return { dims, keepdim, keepShape, outShape, count };
}

/** For each input element (row-major), the flat index of the output element it reduces into. */
export function outIndex(shape: Shape, keepShape: Shape): Int32Array {
  return stridedOffsets(shape, reducedStrides(keepShape));
}
