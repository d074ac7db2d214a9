/** Gradient-check samples for elu, hardtanh and the pooling ops (engine/ops/nn/activation-bounded.ts, pool.ts). */
import { F } from '../../../engine/index';
import type { Tensor } from '../../../engine/index';
import type { GradSample } from './harness';
import { leaf } from './harness';

const sample = (shape: number[], seed: number, f: (x: Tensor) => Tensor, opts: Parameters<typeof leaf>[2] = {}): GradSample => ({
  inputs: () => [leaf(shape, seed, opts)],
  fn: ([x]) => f(x),
});

export const POOL_SAMPLES = {
  elu: sample([2, 4], 301, (x) => F.elu(x, 0.7), { lo: -2, hi: 2, avoid: [0] }),
  // relu6 through the same node: inputs around both of its bounds
  hardtanh: sample([3, 4], 302, (x) => F.hardtanh(x, -0.5, 0.6).add(F.relu6(x.mul(5).add(1))), { lo: -1, hi: 1, avoid: [-0.5, 0.6, -0.2, 1] }),
  // padding, dilation and ceil mode in one pass; random inputs have no ties to flip
  maxPool2d: sample([2, 2, 5, 6], 303, (x) => F.maxPool2d(x, [3, 2], [2, 1], 1, [1, 2], true).add(F.maxPool1d(x.reshape([4, 5, 6]).sum(1), 3, 2, 1).sum())),
  avgPool2d: sample([1, 2, 5, 6], 304, (x) => F.avgPool2d(x, 3, 2, 1, true, false).sum().add(F.avgPool2d(x, [2, 3], [1, 2]).sum()).add(F.avgPool1d(x.reshape([2, 30]), 4, 3, 2, true).sum())),
  adaptiveAvgPool2d: sample([2, 3, 5, 7], 305, (x) => F.adaptiveAvgPool2d(x, [3, 4]).sum().add(F.adaptiveAvgPool2d(x, [null, 9]).mul(x.sum()).sum())),
};
