/**
 * Differential check of gradient-buffer reuse: onStep turns reuse off (the analyzer must see the
 * gradients that arrived), so the same random graph run with and without it must give identical
 * (bit-for-bit) leaf gradients. Graphs mix broadcasting, reused leaves, views and reductions.
 */
import * as assert from 'assert';
import { fromFlat, manualSeed, randn } from '../../../engine/index';
import type { Dtype, Tensor } from '../../../engine/index';

type Step = (xs: Tensor[], pick: () => number) => Tensor;
const STEPS: Step[] = [
  (xs, p) => xs[p()].mul(xs[p()]),
  (xs, p) => xs[p()].add(xs[p()]),
  (xs, p) => xs[p()].sub(xs[p()]),
  (xs, p) => xs[p()].tanh(),
  (xs, p) => xs[p()].sigmoid(),
  (xs, p) => xs[p()].exp().mul(0.25),
  (xs, p) => xs[p()].mul(1.5).add(0.5),
  (xs, p) => xs[p()].sum(1, true),
  (xs, p) => { const x = xs[p()]; return x.reshape(-1).reshape([...x.shape]); },
  (xs, p) => xs[p()].div(xs[p()].abs().add(1)),
];

/** A seeded walk of random steps over leaves [4,3], [1,3], [4,1]; returns the leaves' gradients. */
function grads(seed: number, dtype: Dtype, observe: boolean): Float64Array[] {
  manualSeed(seed);
  const leaves = [[4, 3], [1, 3], [4, 1]].map((s) => fromFlat(Float64Array.from(randn(s).dataSync()), s, { dtype, requiresGrad: true }));
  let r = seed;
  const pick = (): number => (r = (r * 48271) % 2147483647) % xs.length;
  const xs: Tensor[] = [...leaves];
  for (let i = 0; i < 12; i++) xs.push(STEPS[pick() % STEPS.length](xs, pick));
  // only the last two results feed the loss: intermediates get their first gradient from a graph op,
  // which is where a shared buffer could be overwritten
  const loss = xs[xs.length - 1].sum().add(xs[xs.length - 2].mul(xs[xs.length - 2]).sum());
  loss.backward(undefined, observe ? { onStep: () => undefined } : {});
  return leaves.map((l) => (l.grad === null ? new Float64Array(0) : Float64Array.from(l.grad.dataSync())));
}

describe('engine/autograd: gradient-buffer reuse changes no result', () => {
  for (const dtype of ['float64', 'float32'] as Dtype[]) {
    it(`60 random graphs (${dtype}): identical leaf gradients with reuse on and off`, () => {
      let nonTrivial = 0;
      for (let seed = 1; seed <= 60; seed++) {
        const on = grads(seed, dtype, false), off = grads(seed, dtype, true);
        for (let k = 0; k < on.length; k++) assert.deepStrictEqual([...on[k]], [...off[k]], `seed ${seed}, leaf ${k}`);
        if (on.some((g) => g.some((v) => v !== 0 && v !== 1))) nonTrivial++;
      }
      assert.ok(nonTrivial >= 40, `only ${nonTrivial} graphs had non-trivial gradients`);
    });
  }
});
