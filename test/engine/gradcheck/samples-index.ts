/** Gradient-check samples for advanced indexing (engine/ops/advanced.ts): repeated indices included. */
import { Tensor, autograd, fromFlat } from '../../../engine/index';
import type { GradSample } from './harness';
import { leaf } from './harness';

const long = (data: number[], shape = [data.length]): Tensor => fromFlat(data, shape, { dtype: 'int64' });
const mask = (data: boolean[], shape = [data.length]): Tensor => fromFlat(data, shape, { dtype: 'bool' });

export const INDEX_SAMPLES = {
  // rows picked twice and a negative index: the gradient accumulates; a mask on the second dim
  index: { inputs: () => [leaf([4, 3], 70)], fn: ([x]) => x.index([long([0, 2, 2, -1]), long([1, 0, 0, 2])]).add(x.index([{}, mask([true, false, true])]).sum()) },
  // the VJP of index as an op: differentiating it needs gradients of gradients
  indexPutImpl: {
    inputs: () => [leaf([4, 3], 71)],
    fn: ([x]) => {
      const [g] = autograd.grad([x.index([long([1, 3, 1, 0], [2, 2])]).pow(2).sum()], [x], { createGraph: true });
      if (g === null) throw new Error('no gradient');
      return g;
    },
  },
  // values written (broadcast over a dim) and values added in place at repeated positions
  indexPut: {
    inputs: () => [leaf([4, 3], 72), leaf([3], 73), leaf([2], 74)],
    fn: ([x, v, w]) => x.indexPut([long([0, 2])], v).mul(x.mul(1).indexPut_([long([1, 1]), long([2, 0])], w, true)),
  },
} satisfies Record<string, GradSample>;
