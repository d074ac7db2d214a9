/**
 * torch.nn.functional as `F`: PyTorch's positional order, keyword-only options as a trailing object
 * (`F.crossEntropy(x, t, { reduction })`, `F.gelu(x, { approximate })`).
 * Composites are built the way torch builds them, so their graphs show torch's grad_fn names.
 */
import type { Tensor } from './tensor';
import { softmax, logSoftmax, logsumexp } from './ops/nn/softmax';
import { erf, leakyRelu, gelu, softplus } from './ops/nn/activation';
import { mseLoss, nllLoss, binaryCrossEntropyWithLogits } from './ops/nn/loss';
import { crossEntropySmoothed } from './ops/nn/label-smoothing';
import { crossEntropyProbs } from './ops/nn/cross-entropy-probs';
import { isFloating } from './dtype';
import { sameShape } from './shape';
import type { CrossEntropyOptions } from './ops/nn/label-smoothing';
import { l1Loss, smoothL1Loss, huberLoss, binaryCrossEntropy } from './ops/nn/loss-extra';
import { layerNorm } from './ops/nn/layer-norm';
import { batchNorm } from './ops/nn/batch-norm';
import { convNd } from './ops/nn/conv';
import { linear } from './ops/nn/linear';
import { embedding } from './ops/nn/embedding';
import { dropout } from './ops/nn/dropout';
import { oneHot } from './ops/predicates';
import { elu, hardtanh, relu6 } from './ops/nn/activation-bounded';
import { normalize, relu, sigmoid, tanh } from './ops/nn/functional-basic';
import { adaptiveAvgPool2d, avgPool1d, avgPool2d, maxPool1d, maxPool2d } from './ops/nn/pool-api';

/**
 * cross_entropy = nll_loss(log_softmax(input, class dim)); the class dim is 1, or 0 for a 1-d input. A
 * floating target of the input's shape holds class probabilities (torch >= 1.10).
 */
function crossEntropy(input: Tensor, target: Tensor, options?: CrossEntropyOptions): Tensor {
  if (options?.labelSmoothing !== undefined && options.labelSmoothing !== 0) return crossEntropySmoothed(input, target, options);
  if (isFloating(target.dtype) && sameShape(input.shape, target.shape)) return crossEntropyProbs(input, target, options);
  return nllLoss(logSoftmax(input, input.shape.length === 1 ? 0 : 1), target, options);
}

function conv1d(input: Tensor, weight: Tensor, bias?: Tensor | null, stride = 1, padding = 0, dilation = 1): Tensor {
  return convNd(1, input, weight, bias, stride, padding, dilation);
}

function conv2d(input: Tensor, weight: Tensor, bias?: Tensor | null, stride = 1, padding = 0, dilation = 1): Tensor {
  return convNd(2, input, weight, bias, stride, padding, dilation);
}

export const F = {
  relu,
  tanh,
  sigmoid,
  normalize,
  softmax,
  logSoftmax,
  logsumexp,
  linear,
  mseLoss,
  crossEntropy,
  nllLoss,
  binaryCrossEntropyWithLogits,
  leakyRelu,
  gelu,
  softplus,
  layerNorm,
  batchNorm,
  conv1d,
  conv2d,
  erf,
  embedding,
  dropout,
  oneHot,
  l1Loss,
  smoothL1Loss,
  huberLoss,
  binaryCrossEntropy,
  elu,
  hardtanh,
  relu6,
  maxPool1d,
  maxPool2d,
  avgPool1d,
  avgPool2d,
  adaptiveAvgPool2d,
};

export { F as functional };
export type { Reduction, ReductionOptions } from './ops/nn/loss';
export type { GeluApproximate } from './ops/nn/activation';
