/**
 * The reduction of an op's gradients to its inputs' shapes and dtypes, once for every op (not in
 * each backward): the node step of the backward walk, CopySlices' inner op, and `Node.apply`, which
 * this module attaches to the grad functions (node.ts sits below the ops that sum a gradient over
 * broadcast dims).
 */
import type { Tensor } from '../tensor';
import { Node } from '../node';
import { broadcastsTo, fmtShape, sameShape } from '../shape';
import { ShapeError } from '../errors';
import { sumToShape } from './reduce';
import { toDtype } from './convert';

/** Op backward + the central reduction of each gradient to its input's shape and dtype. */
export function computeInputGrads(node: Node, grad: Tensor, own = false): (Tensor | null)[] {
  node.checkSaved();
  // backward returns a fresh array: it becomes the result (one allocation less per node)
  const res = node.op.backward(grad, node, own) as (Tensor | null)[];
  const n = node.arity;
  for (let i = 0; i < n; i++) {
    const x = node.input(i);
    const g = res[i];
    res[i] = node.ref(i) === null || g === null || g === undefined || x === null || typeof x !== 'object' ? null : fitGrad(node.op.name, i, x, g);
  }
  return res;
}

function fitGrad(op: string, i: number, x: Tensor, g: Tensor): Tensor {
  let r = g;
  if (!sameShape(r.shape, x.shape)) {
    if (!broadcastsTo(x.shape, r.shape)) {
      throw new ShapeError(op, `gradient for input ${i} has shape ${fmtShape(r.shape)}, which does not reduce to the input's shape ${fmtShape(x.shape)}`);
    }
    r = sumToShape(r, x.shape);
  }
  if (r.dtype !== x.dtype) r = toDtype(r, x.dtype);
  return r;
}

Object.defineProperty(Node.prototype, 'apply', {
  value: function apply(this: Node, grad: Tensor): (Tensor | null)[] {
    return computeInputGrads(this, grad);
  },
  writable: true,
  configurable: true,
  enumerable: false,
});
