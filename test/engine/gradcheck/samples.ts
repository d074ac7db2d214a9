/**
 * The gradient-check table: one sample per op definition, derived from the op table's domains for
 * elementwise ops (samples-table.ts) and hand-written for the rest. gradcheck.test.ts walks every
 * op of engine/ops/index.ts, so an op without a sample fails there.
 */
import type { OpName } from '../../../engine/index';
import type { GradSample } from './harness';
import { CORE_SAMPLES } from './samples-core';
import { NN_SAMPLES } from './samples-nn';
import { TABLE_SAMPLES } from './samples-table';
import { INDEX_SAMPLES } from './samples-index';
import { EXTRA_SAMPLES } from './samples-extra';
import { KERNEL_SAMPLES, KERNEL_SECOND_ORDER } from './samples-kernels';
import { POOL_SAMPLES } from './samples-pool';

export const GRAD_SAMPLES: Partial<Record<OpName, GradSample>> = { ...TABLE_SAMPLES, ...CORE_SAMPLES, ...INDEX_SAMPLES, ...NN_SAMPLES, ...EXTRA_SAMPLES, ...KERNEL_SAMPLES, ...POOL_SAMPLES };

/** Smooth ops whose second derivatives (autograd.grad with createGraph) are checked as well. */
export const SECOND_ORDER: readonly OpName[] = [
  'mul', 'div', 'powScalar', 'powTensor', 'exp', 'log', 'sqrt', 'sin', 'cos', 'tanh', 'sigmoid', 'var', 'std',
  'mm', 'softmax', 'logSoftmax', 'logsumexp', 'erf', 'gelu', 'softplus', 'mseLoss', 'binaryCrossEntropyWithLogits',
  'nativeLayerNorm', 'convolution', 'convInputGrad', 'convBiasGrad', 'selectBackward', 'indexPutImpl', 'indexPut',
  'cumprod', 'prodAll', 'prodDim', 'norm', 'rsqrt', 'log1p', 'expm1', 'log2', 'log10',
  'elu', 'avgPool2d', 'adaptiveAvgPool2d',
  ...KERNEL_SECOND_ORDER,
];
