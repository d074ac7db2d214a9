/** Gradient-check samples for the ops ports reach for (issue 16): casts, triangles, masks, scans, sorting, shape ops. */
import { F, fromFlat } from '../../../engine/index';
import type { Tensor } from '../../../engine/index';
import type { GradSample } from './harness';
import { leaf } from './harness';

const idx = (data: number[], shape: number[]): Tensor => fromFlat(data, shape, { dtype: 'int64' });

const unary = (shape: number[], seed: number, f: (x: Tensor) => Tensor, opts: Parameters<typeof leaf>[2] = {}): GradSample => ({
  inputs: () => [leaf(shape, seed, opts)],
  fn: (xs) => f(xs[0]),
});

export const EXTRA_SAMPLES = {
  // float64 -> float32: inputs within 1e-9 of 0, so that x ± EPS rounds to float32 with a relative
  // error near 2^-24 (well inside the check's tolerance); elsewhere float32 rounding would swamp it
  toCopy: unary([2, 3], 71, (x) => x.float().double(), { lo: -1e-9, hi: 1e-9 }),
  flip: unary([2, 3], 72, (x) => x.flip([0, 1])),
  roll: unary([2, 3], 73, (x) => x.roll([1, -2], [0, 1])),
  repeat: unary([2, 3], 74, (x) => x.repeat(2, 1, 2)),
  tril: unary([3, 3], 75, (x) => x.tril(-1)),
  triu: unary([2, 3, 3], 76, (x) => x.triu(1)),
  maskedFill: unary([2, 3], 77, (x) => x.maskedFill(fromFlat([true, false, false], [3], { dtype: 'bool' }), 2.5)),
  cumsum: unary([3, 4], 78, (x) => x.cumsum(1)),
  cumprod: unary([3, 4], 79, (x) => x.cumprod(0), { avoid: [0] }),
  prodAll: unary([2, 3], 80, (x) => x.prod(), { avoid: [0] }),
  prodDim: unary([2, 3], 81, (x) => x.prod(1, true), { avoid: [0] }),
  // the general-p branch of norm_backward (p = 1, 2 and Infinity are oracle cases)
  norm: unary([2, 3], 82, (x) => x.norm(3, 1), { avoid: [0] }),
  nanToNum: unary([6], 83, (x) => x.nanToNum()),
  gather: unary([3, 4], 84, (x) => x.gather(1, idx([2, 0, 0, 3, 1, 1], [3, 2]))),
  scatter: {
    inputs: () => [leaf([3, 4], 85), leaf([3, 2], 86)],
    fn: ([x, s]) => x.scatter(1, idx([2, 0, 3, 1, 1, 0], [3, 2]), s),
  },
  scatterValue: unary([3, 4], 87, (x) => x.scatter(0, idx([2, 0, 1, 0], [1, 4]), 1.5)),
  scatterAdd: {
    inputs: () => [leaf([3, 4], 88), leaf([3, 2], 89)],
    fn: ([x, s]) => x.scatterAdd(1, idx([2, 2, 3, 1, 0, 0], [3, 2]), s),
  },
  split: unary([5, 2], 90, (x) => x.split(2)[2].mul(x.split(2)[0].sum())),
  splitWithSizes: unary([5, 2], 91, (x) => x.split([1, 4])[1]),
  unbind: unary([3, 2], 92, (x) => x.unbind(1)[1]),
  // distinct values (leaf draws are separated), so the order has no ties
  sort: unary([3, 4], 93, (x) => x.sort(1, true).values),
  topk: unary([3, 4], 94, (x) => x.topk(2, 0).values),
  // targets chosen so that no |input - target| lies near the kink at beta / delta = 1
  smoothL1Loss: {
    inputs: () => [leaf([2, 3], 95, { lo: -0.8, hi: 0.8 }), fromFlat([0.5, -2.5, 0.1, 2.5, -0.2, 0.0], [2, 3], { dtype: 'float64', requiresGrad: true })],
    fn: ([x, t]) => F.smoothL1Loss(x, t, { beta: 1 }),
  },
  huberLoss: {
    inputs: () => [leaf([2, 3], 96, { lo: -0.8, hi: 0.8 }), fromFlat([0.5, -2.5, 0.1, 2.5, -0.2, 0.0], [2, 3], { dtype: 'float64', requiresGrad: true })],
    fn: ([x, t]) => F.huberLoss(x, t, { reduction: 'sum' }),
  },
  binaryCrossEntropy: {
    inputs: () => [leaf([2, 3], 97, { lo: 0.1, hi: 0.9 }), fromFlat([0, 1, 0.25, 1, 0.5, 0], [2, 3], { dtype: 'float64', requiresGrad: true })],
    fn: ([x, t]) => F.binaryCrossEntropy(x, t, { weight: fromFlat([0.5, 2, 1], [3], { dtype: 'float64' }) }),
  },
  // reached through crossEntropy's labelSmoothing (a mean over the rows not ignored)
  maskedSelect: {
    inputs: () => [leaf([3, 4], 98), fromFlat([1, 0, 3], [3], { dtype: 'int64' })],
    fn: ([x, t]) => F.crossEntropy(x, t, { labelSmoothing: 0.2, ignoreIndex: 0 }),
  },
} satisfies Record<string, GradSample>;
