/**
 * Gradient-check samples for the backward kernels (engine/ops/backward-kernel.ts). A kernel is
 * recorded by an op's backward under createGraph, so each sample is a first-order gradient taken
 * with createGraph, with an upstream gradient `w` that is an input too: checking the sample's
 * gradients checks both of the kernel's derivatives (for its grad input and for the saved tensor),
 * i.e. the op's second derivative; SECOND_ORDER (samples.ts) checks one order more.
 */
import { F, Tensor, autograd, cat, fromFlat } from '../../../engine/index';
import type { GradSample } from './harness';
import { leaf } from './harness';

/** The gradients of sum(f(xs) * w) for xs, taken with createGraph, flattened into one tensor. */
function gradsOf(f: (xs: Tensor[]) => Tensor, xs: Tensor[], w: Tensor): Tensor {
  const gs = autograd.grad([f(xs).mul(w).sum()], xs, { createGraph: true });
  return cat(gs.map((g, i) => {
    if (g === null) throw new Error(`no gradient for input ${i}`);
    return g.reshape([-1]);
  }), 0);
}

type LeafOpts = Parameters<typeof leaf>[2];
/** A kernel sample: inputs of the given shapes (and options), w of the output's shape. */
function kernel(shapes: number[][], outShape: number[], seed: number, f: (xs: Tensor[]) => Tensor, opts: LeafOpts[] = []): GradSample {
  return {
    inputs: () => [...shapes.map((s, i) => leaf(s, seed + i, opts[i] ?? {})), leaf(outShape, seed + shapes.length)],
    fn: (ts) => gradsOf(f, ts.slice(0, -1), ts[ts.length - 1]),
  };
}
const unaryKernel = (seed: number, f: (x: Tensor) => Tensor, opts: LeafOpts = {}): GradSample => kernel([[2, 3]], [2, 3], seed, ([x]) => f(x), [opts]);
const probs: LeafOpts = { lo: 0.1, hi: 0.9 };
/** Differences self - target kept off the kinks of smooth_l1 (beta 0.5) and huber (delta 0.5). */
const kinkPair = (f: (x: Tensor, t: Tensor) => Tensor): GradSample => ({
  inputs: () => [leaf([2, 3], 210, { avoid: [0.5, -0.5] }), fromFlat([0, 0, 0, 0, 0, 0], [2, 3], { dtype: 'float64', requiresGrad: true }), leaf([], 212)],
  fn: ([x, t, w]) => gradsOf(([a, b]) => f(a, b), [x, t], w),
});

/**
 * batch_norm's three gradient kernels, all recorded by one first-order gradient: training (batch
 * statistics) plus evaluation (running statistics, constants), with weight and bias.
 */
const batchNormKernels: GradSample = kernel([[3, 2, 2], [2], [2]], [3, 2, 2], 221, ([x, g, b]) =>
  F.batchNorm(x, null, null, g, b, true).add(F.batchNorm(x, fromFlat([0.2, -0.1], [2]), fromFlat([0.5, 1.5], [2]), g, b, false)));

export const KERNEL_SAMPLES = {
  tanhBackward: unaryKernel(200, (x) => x.tanh()),
  sigmoidBackward: unaryKernel(201, (x) => x.sigmoid()),
  geluBackward: unaryKernel(202, (x) => F.gelu(x).add(F.gelu(x, { approximate: 'tanh' }))),
  leakyReluBackward: unaryKernel(203, (x) => F.leakyRelu(x, 0.2), { avoid: [0] }),
  softplusBackward: unaryKernel(204, (x) => F.softplus(x, { beta: 2, threshold: 3 }), { avoid: [1.5] }),
  softmaxBackwardData: unaryKernel(205, (x) => F.softmax(x, 1)),
  logSoftmaxBackwardData: unaryKernel(206, (x) => F.logSoftmax(x, 0)),
  mseLossBackward: kernel([[2, 3], [2, 3]], [], 207, ([x, t]) => F.mseLoss(x, t).add(F.mseLoss(x, t, { reduction: 'none' }).mul(x).sum())),
  nllLossBackward: kernel([[3, 4]], [3], 208, ([x]) => F.nllLoss(F.logSoftmax(x, 1), fromFlat([2, 0, 3], [3], { dtype: 'int64' }), { reduction: 'none' })),
  smoothL1LossBackward: kinkPair((x, t) => F.smoothL1Loss(x, t, { beta: 0.5 })),
  huberLossBackward: kinkPair((x, t) => F.huberLoss(x, t, { delta: 0.5 })),
  binaryCrossEntropyBackward: kernel([[2, 3], [2, 3]], [], 213, ([x, t]) => F.binaryCrossEntropy(x, t), [probs, probs]),
  // the gradients of x, weight and bias: all three kernel nodes and their derivatives in grad, x and weight
  // the rows of w at [0, 2, 2, 3] (a repeated row sums), padding row 3 getting none
  embeddingDenseBackward: kernel([[4, 3]], [2, 2, 3], 215, ([x]) => F.embedding(fromFlat([0, 2, 2, 3], [2, 2], { dtype: 'int64' }), x, 3)),
  eluBackward: unaryKernel(216, (x) => F.elu(x, 0.7), { lo: -2, hi: 2, avoid: [0] }),
  hardtanhBackward: unaryKernel(217, (x) => F.hardtanh(x, -0.5, 0.6), { avoid: [-0.5, 0.6] }),
  maxPool2dBackward: kernel([[1, 2, 4, 5]], [1, 2, 3, 3], 218, ([x]) => F.maxPool2d(x, 2, 2, 1, 1, false)),
  avgPool2dBackward: kernel([[1, 1, 5, 5]], [1, 1, 3, 3], 219, ([x]) => F.avgPool2d(x, 3, 2, 1, true, false)),
  adaptiveAvgPool2dBackward: kernel([[2, 5, 7]], [2, 3, 4], 220, ([x]) => F.adaptiveAvgPool2d(x, [3, 4])),
  nativeLayerNormBackward: kernel([[2, 4], [4], [4]], [2, 4], 214, ([x, g, b]) => F.layerNorm(x, [4], g, b)),
  batchNormInputGrad: batchNormKernels,
  batchNormWeightGrad: batchNormKernels,
  batchNormBiasGrad: batchNormKernels,
};

/** Kernels whose own backward is smooth enough for a check one order higher (third derivatives of the op). */
export const KERNEL_SECOND_ORDER = ['tanhBackward', 'sigmoidBackward', 'geluBackward', 'softplusBackward', 'softmaxBackwardData', 'logSoftmaxBackwardData', 'mseLossBackward', 'binaryCrossEntropyBackward', 'eluBackward'] as const;
// not nativeLayerNormBackward nor batch_norm's kernels: torch's double backwards hold the saved mean and
// rstd/invstd constant, so their own derivatives (third derivatives of the ops, in training for batch_norm)
// are not the exact ones; second-order.json checks them against torch
