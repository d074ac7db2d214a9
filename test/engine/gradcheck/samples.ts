/**
 * The gradient-check table: one sample per op definition. Typed Record<OpName, GradSample>, so an
 * op added to engine/ops/index.ts without a sample here fails to compile.
 */
import type { OpName } from '../../../engine/index';
import type { GradSample } from './harness';
import { CORE_SAMPLES } from './samples-core';
import { NN_SAMPLES } from './samples-nn';
import { INDEX_SAMPLES } from './samples-index';

export const GRAD_SAMPLES: Record<OpName, GradSample> = { ...CORE_SAMPLES, ...INDEX_SAMPLES, ...NN_SAMPLES };

/** Smooth ops whose second derivatives (autograd.grad with createGraph) are checked as well. */
export const SECOND_ORDER: readonly OpName[] = [
  'mul', 'div', 'powScalar', 'powTensor', 'exp', 'log', 'sqrt', 'sin', 'cos', 'tanh', 'sigmoid', 'var', 'std',
  'mm', 'softmax', 'logSoftmax', 'logsumexp', 'erf', 'gelu', 'softplus', 'mseLoss', 'binaryCrossEntropyWithLogits',
  'nativeLayerNorm', 'convolution', 'convInputGrad', 'selectBackward', 'indexPutImpl', 'indexPut',
];
