/**
 * Differential check of deferred (fused) elementwise evaluation against the eager kernels: the same
 * seeded random graphs, once with fusion on and once with it off (minElements = Infinity), must give
 * bit-identical values (every intermediate, the loss) and leaf gradients, in float32 and float64.
 * Graphs share subexpressions, save tensors for backward (tanh, sigmoid, exp, mul), read some
 * intermediates mid-way (materialising them) and end with a sum, a mean, or no reduction.
 */
import * as assert from 'assert';
import { fromFlat, manualSeed, randn } from '../../../engine/index';
import type { Dtype, Tensor } from '../../../engine/index';
import { fusion } from '../../../engine/lazy/node';

/** 64 x 80 = 5120 elements: above the default fusion threshold. */
const SHAPE = [64, 80];

type Step = (xs: Tensor[], pick: () => number) => Tensor;
const STEPS: Step[] = [
  (xs, p) => xs[p()].mul(xs[p()]),
  (xs, p) => xs[p()].add(xs[p()]),
  (xs, p) => xs[p()].sub(xs[p()], 0.5),
  (xs, p) => xs[p()].tanh(),
  (xs, p) => xs[p()].sigmoid(),
  (xs, p) => xs[p()].mul(0.25).exp(),
  (xs, p) => xs[p()].mul(1.5).add(0.5),
  (xs, p) => xs[p()].div(xs[p()].abs().add(1)),
  (xs, p) => xs[p()].neg().relu(),
  (xs, p) => xs[p()].sin().mul(xs[p()].cos()),
  (xs, p) => xs[p()].pow(2).add(1).sqrt(),
  (xs, p) => xs[p()].maximum(xs[p()]),
  (xs, p) => xs[p()].add(xs[p()].sum()), // a one-element tensor broadcast as a number
  (xs, p) => xs[p()].sum(1, true).add(xs[p()]), // broadcasting: the eager path
  (xs, p) => xs[p()].mul(3).mul(xs[p()]).tanh().sub(2).neg(),
  (xs, p) => xs[p()].reciprocal().clamp(-4, 4),
];

interface Run {
  values: Float64Array[];
  grads: Float64Array[];
  /** Results that were deferred when created. */
  deferred: number;
}

function runGraph(seed: number, dtype: Dtype, fused: boolean): Run {
  const saved = fusion.minElements;
  fusion.minElements = fused ? saved : Infinity;
  try {
    manualSeed(seed);
    const leaves = [0, 1, 2].map(() => fromFlat(Float64Array.from(randn(SHAPE).dataSync()), SHAPE, { dtype, requiresGrad: true }));
    let r = seed;
    const xs: Tensor[] = [...leaves];
    const pick = (): number => (r = (r * 48271) % 2147483647) % xs.length;
    let deferred = 0;
    for (let i = 0; i < 10; i++) {
      xs.push(STEPS[pick() % STEPS.length](xs, pick));
      if (xs[xs.length - 1]._deferred() !== null) deferred++;
      if (pick() % 5 === 0) void xs[pick()].dataSync(); // read an intermediate mid-way
    }
    const last = xs[xs.length - 1], prev = xs[xs.length - 2];
    const end = r % 3;
    const loss = end === 0 ? last.mul(prev).sum() : end === 1 ? last.add(prev).mean() : last.mul(prev);
    if (end === 2) loss.backward(leaves[0].mul(0).add(1).mul(0.5));
    else loss.backward();
    return {
      values: [...xs, loss].map((t) => Float64Array.from(t.dataSync())),
      grads: leaves.map((l) => (l.grad === null ? new Float64Array(0) : Float64Array.from(l.grad.dataSync()))),
      deferred,
    };
  } finally {
    fusion.minElements = saved;
  }
}

/** Bit-identical (NaN equals NaN, 0 differs from -0). */
function assertSameBits(a: Float64Array, b: Float64Array, what: string): void {
  assert.strictEqual(a.length, b.length, `${what}: length`);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) assert.fail(`${what}[${i}]: fused ${a[i]}, eager ${b[i]}`);
}

describe('engine/lazy: fused evaluation is bit-identical to the eager kernels', () => {
  for (const dtype of ['float64', 'float32'] as Dtype[]) {
    it(`40 random graphs (${dtype}): every value and every leaf gradient`, () => {
      let nonTrivial = 0, deferred = 0;
      for (let seed = 1; seed <= 40; seed++) {
        const fused = runGraph(seed, dtype, true), eager = runGraph(seed, dtype, false);
        assert.strictEqual(eager.deferred, 0);
        deferred += fused.deferred;
        fused.values.forEach((v, k) => assertSameBits(v, eager.values[k], `seed ${seed} value ${k}`));
        fused.grads.forEach((g, k) => assertSameBits(g, eager.grads[k], `seed ${seed} grad ${k}`));
        if (fused.grads.some((g) => g.some((v) => v !== 0 && Number.isFinite(v)))) nonTrivial++;
      }
      assert.ok(nonTrivial >= 30, `only ${nonTrivial} graphs had non-trivial gradients`);
      assert.ok(deferred >= 200, `only ${deferred} of 400 results were deferred`);
    });
  }
});
