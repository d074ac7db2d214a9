/** Gradient-check samples for the nn ops (engine/ops/nn). */
import { F, Tensor, autograd, cat, fromFlat } from '../../../engine/index';
import type { GradSample } from './harness';
import { leaf } from './harness';

const unary = (shape: number[], seed: number, f: (x: Tensor) => Tensor, opts: Parameters<typeof leaf>[2] = {}): GradSample => ({
  inputs: () => [leaf(shape, seed, opts)],
  fn: ([x]) => f(x),
});
const classes = (data: number[]): Tensor => fromFlat(data, [data.length], { dtype: 'int64' });
const probs = (shape: number[], seed: number): Tensor => leaf(shape, seed, { lo: 0.1, hi: 0.9 });

/**
 * A function of the gradients of a convolution taken with createGraph: its graph holds the two
 * adjoint ops (input and weight gradient), so checking it checks their backwards.
 */
function convDoubleBackward(x: Tensor, w: Tensor): Tensor {
  const y = F.conv2d(x, w, null, 1, 1);
  const [gx, gw] = autograd.grad([y.mul(y).sum()], [x, w], { createGraph: true });
  if (gx === null || gw === null) throw new Error('missing conv gradient');
  return cat([gx.reshape([-1]), gw.reshape([-1])], 0);
}
const convDouble: GradSample = {
  inputs: () => [leaf([1, 2, 4, 4], 120), leaf([2, 2, 3, 3], 121)],
  fn: ([x, w]) => convDoubleBackward(x, w),
};

export const NN_SAMPLES = {
  softmax: unary([2, 4], 101, (x) => F.softmax(x, 1)),
  logSoftmax: unary([3, 4], 102, (x) => F.logSoftmax(x, -1)),
  logsumexp: unary([2, 3, 2], 103, (x) => F.logsumexp(x, [0, 2])),
  erf: unary([5], 104, (x) => F.erf(x)),
  leakyRelu: unary([6], 105, (x) => F.leakyRelu(x, 0.2), { avoid: [0] }),
  gelu: unary([6], 106, (x) => F.gelu(x).add(F.gelu(x, { approximate: 'tanh' }))),
  softplus: unary([8], 107, (x) => F.softplus(x, { beta: 2, threshold: 3 }), { avoid: [1.5] }),
  mseLoss: {
    inputs: () => [leaf([2, 3], 108), leaf([2, 3], 109)],
    fn: ([a, b]) => F.mseLoss(a, b).add(F.mseLoss(a, b, { reduction: 'sum' })).add(F.mseLoss(a, b, { reduction: 'none' }).mul(a).sum()),
  },
  nllLoss: {
    inputs: () => [leaf([3, 4], 110)],
    fn: ([x]) => F.nllLoss(x, classes([2, 0, 3])).add(F.nllLoss(x, classes([1, 1, 0]), { reduction: 'none' }).mul(x.select(1, 0)).sum()),
  },
  binaryCrossEntropyWithLogits: {
    inputs: () => [leaf([2, 3], 111), probs([2, 3], 112)],
    fn: ([x, t]) => F.binaryCrossEntropyWithLogits(x, t).add(F.binaryCrossEntropyWithLogits(x, t, { reduction: 'none' }).mul(x).sum()),
  },
  nativeLayerNorm: {
    inputs: () => [leaf([2, 3, 4], 113), leaf([3, 4], 114), leaf([3, 4], 115)],
    fn: ([x, w, b]) => F.layerNorm(x, [3, 4], w, b),
  },
  // training (batch statistics) plus evaluation (fixed running statistics): both backward branches
  nativeBatchNorm: {
    inputs: () => [leaf([3, 2, 2], 301), leaf([2], 302), leaf([2], 303)],
    fn: ([x, w, b]) => F.batchNorm(x, null, null, w, b, true).add(F.batchNorm(x, fromFlat([0.2, -0.1], [2]), fromFlat([0.5, 1.5], [2]), w, b, false)),
  },
  convolution: {
    inputs: () => [leaf([2, 2, 5, 5], 116), leaf([3, 2, 3, 3], 117), leaf([3], 118), leaf([2, 2, 7], 119), leaf([3, 2, 3], 122)],
    fn: ([x, w, b, x1, w1]) => F.conv2d(x, w, b, 2, 1, 1).sum([2, 3]).add(F.conv1d(x1, w1, null, 1, 2, 2).sum(2)),
  },
  convInputGrad: convDouble,
  convWeightGrad: convDouble,
  // the bias gradient with createGraph, times a function of x and w so that its backward (a
  // broadcast of the upstream gradient) is checked through the whole product
  convBiasGrad: {
    inputs: () => [leaf([1, 2, 5], 123), leaf([3, 2, 2], 124), leaf([3], 125)],
    fn: ([x, w, b]) => {
      const y = F.conv1d(x, w, b);
      const [gb] = autograd.grad([y.mul(y).sum()], [b], { createGraph: true });
      if (gb === null) throw new Error('missing conv bias gradient');
      return gb.mul(w.sum([1, 2]));
    },
  },
  // a product of two lookups, so the second-order check sees a non-zero Hessian; the second has a
  // padding row (2), whose gradient is zero by definition: the positions reading it are masked out
  embedding: {
    inputs: () => [leaf([5, 3], 123)],
    fn: ([w]) => F.embedding(classes([2, 0, 2, 4]), w).mul(F.embedding(classes([1, 2, 3, 2]), w, 2)).mul(fromFlat([1, 0, 1, 0], [4, 1], { dtype: 'float64' })),
  },
} satisfies Record<string, GradSample>;
