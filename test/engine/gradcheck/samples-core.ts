/** Gradient-check samples for the core ops (engine/ops/*, not nn). Inputs avoid kinks and ties. */
import {
  Tensor, autograd, cat, stack, addmm, amin, fromFlat,
} from '../../../engine/index';
import type { GradSample } from './harness';
import { leaf } from './harness';

/** Distinct, well-separated values (no ties for max/min, no near-equal pairs for maximum). */
const spread = (shape: number[], offset: number): Tensor => {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = Array.from({ length: n }, (_, i) => ((i * 7 + offset) % n) * 0.37 - 0.9 + 0.01 * offset);
  return fromFlat(data, shape, { dtype: 'float64', requiresGrad: true });
};
const unary = (shape: number[], seed: number, f: (x: Tensor) => Tensor, opts: Parameters<typeof leaf>[2] = {}): GradSample => ({
  inputs: () => [leaf(shape, seed, opts)],
  fn: ([x]) => f(x),
});
/** d/dx of Σ f(x) with a graph: exercises the ops that only appear inside backward formulas. */
const gradOf = (f: (x: Tensor) => Tensor) => (x: Tensor): Tensor => {
  const [g] = autograd.grad([f(x).sum()], [x], { createGraph: true });
  if (g === null) throw new Error('no gradient');
  return g;
};

/** Non-table ops, and table entries whose domain is 'sample' (engine/ops/table.ts). */
export const CORE_SAMPLES = {
  maximum: { inputs: () => [spread([2, 3], 0), spread([2, 3], 3)], fn: ([a, b]) => a.maximum(b) },
  minimum: { inputs: () => [spread([2, 3], 1), spread([2, 3], 4)], fn: ([a, b]) => a.minimum(b) },
  clamp: unary([6], 25, (x) => x.clamp(-0.5, 0.5), { avoid: [-0.5, 0.5] }),
  where: {
    inputs: () => [leaf([2, 3], 26), leaf([3], 27)],
    fn: ([a, b]) => a.where(fromFlat([true, false, true, false, false, true], [2, 3], { dtype: 'bool' }), b),
  },
  sumAll: unary([2, 3], 28, (x) => x.sum()),
  sumDim: unary([2, 3, 2], 29, (x) => x.sum([0, 2])),
  meanAll: unary([2, 3], 30, (x) => x.mean()),
  meanDim: unary([2, 3], 31, (x) => x.mean(1, true)),
  var: unary([3, 4], 32, (x) => x.var(1)),
  std: unary([3, 4], 33, (x) => x.std()),
  maxAll: { inputs: () => [spread([2, 3], 2)], fn: ([x]) => x.max() },
  minAll: { inputs: () => [spread([2, 3], 2)], fn: ([x]) => x.min() },
  maxDim: { inputs: () => [spread([3, 4], 5)], fn: ([x]) => x.max(1).values },
  minDim: { inputs: () => [spread([3, 4], 5)], fn: ([x]) => x.min(0, true).values },
  amax: { inputs: () => [spread([3, 4], 6)], fn: ([x]) => x.amax([0]) },
  amin: { inputs: () => [spread([3, 4], 6)], fn: ([x]) => amin(x, 1) },
  view: unary([2, 3], 34, (x) => x.view([3, 2])),
  reshapeAlias: unary([2, 3], 68, (x) => x.reshape([3, 2])),
  alias: unary([3, 2], 67, (x) => x.index([{ start: 0, stop: 3 }])),
  unsafeView: unary([2, 3], 35, (x) => x.transpose(0, 1).reshape([6])),
  clone: unary([2, 3], 36, (x) => x.clone()),
  squeezeAll: unary([1, 3, 1], 37, (x) => x.squeeze()),
  squeezeDim: unary([1, 3], 38, (x) => x.squeeze(0)),
  squeezeInternal: { inputs: () => [leaf([3], 39), leaf([3, 2], 40)], fn: ([a, b]) => a.matmul(b) },
  unsqueeze: unary([3], 41, (x) => x.unsqueeze(-1)),
  transpose: unary([2, 3, 4], 42, (x) => x.transpose(0, 2)),
  t: unary([2, 3], 43, (x) => x.t()),
  permute: unary([2, 3, 4], 44, (x) => x.permute([2, 0, 1])),
  expand: unary([3, 1], 45, (x) => x.expand([2, 3, 4])),
  select: unary([3, 4], 46, (x) => x.select(1, -2)),
  slice: unary([3, 5], 47, (x) => x.slice(1, 0, 5, 2)),
  selectBackward: unary([3, 4], 48, gradOf((x) => x.select(0, 1).pow(2))),
  sliceBackward: unary([5, 2], 49, gradOf((x) => x.slice(0, 1, 4).pow(2))),
  cat: { inputs: () => [leaf([2, 3], 50), leaf([1, 3], 51)], fn: ([a, b]) => cat([a, b], 0) },
  stack: { inputs: () => [leaf([2, 3], 52), leaf([2, 3], 53)], fn: ([a, b]) => stack([a, b], 1) },
  dot: { inputs: () => [leaf([4], 54), leaf([4], 55)], fn: ([a, b]) => a.dot(b) },
  mv: { inputs: () => [leaf([3, 4], 56), leaf([4], 57)], fn: ([a, b]) => a.mv(b) },
  mm: { inputs: () => [leaf([3, 4], 58), leaf([4, 2], 59)], fn: ([a, b]) => a.mm(b) },
  bmm: { inputs: () => [leaf([2, 3, 4], 60), leaf([2, 4, 2], 61)], fn: ([a, b]) => a.bmm(b) },
  addmm: { inputs: () => [leaf([2], 62), leaf([3, 4], 63), leaf([4, 2], 64)], fn: ([c, a, b]) => addmm(c, a, b) },
  fill: unary([2, 3], 65, (x) => x.mul(3).fill_(2).add(x)),
  zero: unary([2, 3], 66, (x) => x.mul(3).zero_().add(x.exp())),
} satisfies Record<string, GradSample>;
