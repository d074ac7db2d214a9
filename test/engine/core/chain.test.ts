import * as assert from 'assert';
import { tensor } from '../../../engine/index';

describe('engine/autograd: long chains', () => {
  it('backpropagates through a 1,000,000-node chain without overflowing the stack', function () {
    this.timeout(60000);
    const n = 500000; // two ops per step: 1,000,000 grad functions
    const x = tensor(0.5, { dtype: 'float64', requiresGrad: true });
    let y = x;
    for (let i = 0; i < n; i++) y = y.mul(1.000001).add(0.5);
    y.backward();
    // dy/dx = 1.000001^n
    const expected = Math.pow(1.000001, n);
    assert.ok(Math.abs(x.grad!.item() - expected) <= 1e-9 * expected, `${x.grad!.item()} vs ${expected}`);
  });
});
