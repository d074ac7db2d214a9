/**
 * torch 1.13's autograd of in-place ops on views. An in-place op on a differentiable view makes
 * its base's history `CopySlices` (the base's old history, then the op's other inputs); a view whose
 * base changed in place gets `AsStridedBackward0` of the base's history when its history is next
 * read (tensor-state.ts `_regenerate`). Both locate the view's elements in the base by their
 * positions in the base's row-major storage (as_strided's index map).
 */
import { Tensor } from '../tensor';
import { defineOp } from './define';
import { computeInputGrads } from './input-grads';
import type { Operand } from './define';
import type { Node } from '../node';
import { recordNode } from '../tape-record';
import { positions } from '../strided';
import { placeOf } from './view-place';
import { fromFlat } from '../creation';
import { numelOf } from '../shape';
import type { Shape } from '../shape';
import { AutogradError } from '../errors';

export interface StridedParams {
  /** Per element of the view (its shape), the index of that element in the base's row-major storage. */
  readonly at: Tensor;
  /** The base's shape. */
  readonly shape: Shape;
}
export interface SlicesParams extends StridedParams {
  /** The in-place op's node, recorded on the view's previous value (input 0) and its other inputs. */
  readonly inner: Node;
}

/** The positions of v's elements in its root base's storage, as an int64 index tensor of v's shape. */
export function positionsIn(v: Tensor): Tensor {
  return fromFlat(Array.from(positions(placeOf(v), v.shape)), v.shape, { dtype: 'int64' });
}

/** zeros of `shape` (the base, flattened) with `g` added at `at`: as_strided_backward (overlaps add). */
function intoBase(g: Tensor, p: StridedParams): Tensor {
  return Tensor.empty('as_strided', [numelOf(p.shape)], g.dtype).indexPut([p.at], g, true).reshape(p.shape);
}

export const AsStrided = defineOp<StridedParams>({
  name: 'AsStridedBackward0', formulas: ['as_strided_backward(grad, self.sizes(), size, stride, storage_offset)'], saves: 0,
  forward: ([a], p) => (a as Tensor).reshape([-1]).index([p.at]),
  backward: (g, n) => [intoBase(g, n.params)],
});

/**
 * grad (the base's) with the view's elements replaced by the in-place op's gradient for the view's
 * previous value; the op's gradients for its other inputs pass on (torch's CopySlices::apply).
 */
export const CopySlices = defineOp<SlicesParams>({
  name: 'CopySlices',
  formulas: ["grad, the view's elements replaced by the in-place op's gradient for them", "the in-place op's gradient for its other operand"],
  saves: 0,
  forward: () => {
    throw new AutogradError('CopySlices', 'CopySlices has no forward: it is recorded by an in-place op on a view');
  },
  backward: (g, n) => {
    const { inner, at, shape } = n.params;
    const flat = g.reshape([-1]);
    const res = computeInputGrads(inner, flat.index([at]));
    const own = res[0] ?? Tensor.empty('CopySlices', at.shape, g.dtype);
    return [flat.indexPut([at], own).reshape(shape), ...res.slice(1)];
  },
});

/** Record CopySlices on `base` (previous value `prevBase`) for the in-place op `inner` on its view `v`. */
export function recordCopySlices(v: Tensor, base: Tensor, prevBase: Tensor, inner: Node, others: readonly Operand[]): void {
  const node = recordNode(CopySlices, [prevBase, ...others], { inner, at: positionsIn(v), shape: base.shape });
  base.gradFn = node;
  base.requiresGrad = true;
  v.requiresGrad = true;
}

/** A differentiable view whose base changed in place: AsStridedBackward0 of the base's history now. */
export function regenerateHistory(v: Tensor): void {
  v._markView();
  const base = v._viewBase();
  if (base === null || !base.requiresGrad) return;
  v.gradFn = recordNode(AsStrided, [base], { at: positionsIn(v), shape: base.shape });
  v.requiresGrad = true;
}
