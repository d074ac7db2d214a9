import * as assert from 'assert';
import { tensor, optim } from '../../../engine/index';
import type { Tensor } from '../../../engine/index';
import { assertClose } from './helpers';

/** loss = sum(p²), so grad = 2p. */
function lossBackward(p: Tensor): void {
  p.mul(p).sum().backward();
}

describe('engine/optim', () => {
  it('SGD with momentum: two steps match the update rule by hand', () => {
    const p = tensor([1, 2], { dtype: 'float64', requiresGrad: true });
    const opt = new optim.SGD([p], { lr: 0.1, momentum: 0.9 });
    lossBackward(p);
    opt.step(); // buf = g = [2, 4]; p = p - 0.1 buf
    assertClose(p, [0.8, 1.6], [2], 1e-12);
    opt.zeroGrad();
    assert.strictEqual(p.grad, null);
    lossBackward(p);
    opt.step(); // g = [1.6, 3.2]; buf = 0.9 [2, 4] + g = [3.4, 6.8]
    assertClose(p, [0.8 - 0.34, 1.6 - 0.68], [2], 1e-12);
  });

  it('SGD with weight decay and no momentum', () => {
    const p = tensor([1], { dtype: 'float64', requiresGrad: true });
    const opt = new optim.SGD([p], { lr: 0.5, weightDecay: 0.1 });
    lossBackward(p);
    opt.step(); // d = 2 + 0.1*1 = 2.1
    assertClose(p, [1 - 0.5 * 2.1], [1], 1e-12);
  });

  it('Adam: two steps match the bias-corrected update by hand', () => {
    const p = tensor([1], { dtype: 'float64', requiresGrad: true });
    const opt = new optim.Adam([p], { lr: 0.1 });
    lossBackward(p);
    opt.step();
    // m = 0.1*2, v = 0.001*4; p -= lr/(1-0.9) * m / (sqrt(v)/sqrt(1-0.999) + eps)
    const p1 = 1 - (0.1 / 0.1) * 0.2 / (Math.sqrt(0.004) / Math.sqrt(0.001) + 1e-8);
    assertClose(p, [p1], [1], 1e-12);
    opt.zeroGrad();
    lossBackward(p);
    opt.step();
    const g = 2 * p1;
    const m = 0.9 * 0.2 + 0.1 * g, v = 0.999 * 0.004 + 0.001 * g * g;
    const p2 = p1 - (0.1 / (1 - 0.81)) * m / (Math.sqrt(v) / Math.sqrt(1 - 0.999 ** 2) + 1e-8);
    assertClose(p, [p2], [1], 1e-12);
  });

  it('steps bump the parameter version, so a stale graph fails like torch', () => {
    const p = tensor([1, 2], { requiresGrad: true });
    const opt = new optim.SGD([p], { lr: 0.1 });
    const loss = p.mul(p).sum();
    loss.backward(undefined, { retainGraph: true });
    opt.step();
    assert.throws(() => loss.backward(), /modified by an inplace operation/);
  });

  it('skips parameters without a gradient', () => {
    const p = tensor([1], { requiresGrad: true });
    new optim.Adam([p]).step();
    assertClose(p, [1]);
  });
});
