/**
 * A number next to a float32 tensor is cast to float32 on every path, as torch casts it: the eager
 * kernels, the fused (deferred) loop, the compact slots, and the in-place gradient arithmetic the
 * backward walk uses when it owns a gradient. With an onStep hook the walk owns no gradient (each is
 * reported), so the two runs below take the two paths and must give the same bits.
 */
import * as assert from 'assert';
import { F, manualSeed, randn } from '../../../engine/index';
import type { BackwardOptions, Tensor } from '../../../engine/index';

function gradients(options: BackwardOptions): number[][] {
  manualSeed(3);
  const q = randn([4, 3], { requiresGrad: true }), k = randn([4, 3], { requiresGrad: true });
  const scores = q.matmul(k.transpose(0, 1)).mul(1 / Math.sqrt(3)).sub(0.3).div(1.7);
  const loss = F.softmax(scores, 1).mul(1.1).pow(2).mean();
  loss.backward(undefined, options);
  return [q, k].map((t: Tensor) => Array.from(t.grad!.dataSync()));
}

describe('engine: number operands of float32 ops', () => {
  it('give the same gradients whether or not the backward walk owns its gradients', () => {
    const plain = gradients({});
    let steps = 0;
    const watched = gradients({ onStep: () => { steps++; } });
    assert.ok(steps > 5, 'the hook ran');
    assert.deepStrictEqual(watched, plain);
  });
});
