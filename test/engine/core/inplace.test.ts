import * as assert from 'assert';
import { tensor, noGrad, AutogradError, zeros } from '../../../engine/index';
import { assertClose, nextNames } from './helpers';

describe('engine/in-place ops and the version counter', () => {
  it('throws torch\'s message when a saved tensor was modified in place', () => {
    const a = tensor([1, 2, 3], { requiresGrad: true });
    const b = a.mul(2);
    const c = b.mul(b); // saves b at version 0
    b.mul_(2);
    assert.strictEqual(b._version, 1);
    assert.throws(() => c.sum().backward(), (e: unknown) => {
      assert.ok(e instanceof AutogradError);
      assert.ok(e.message.includes('one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [3]], which is output 0 of MulBackward0, is at version 1; expected version 0 instead.'), e.message);
      return true;
    });
  });

  it('names the node that saved a modified output (torch: SigmoidBackward0), without torch\'s set_detect_anomaly hint', () => {
    const a = tensor([1, 2, 3], { requiresGrad: true });
    const e = a.sigmoid();
    e.mul_(2);
    assert.throws(() => e.sum().backward(), (err: unknown) => {
      assert.ok(err instanceof AutogradError);
      assert.strictEqual(err.message, '[backward] one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [3]], which is output 0 of SigmoidBackward0, is at version 1; expected version 0 instead.');
      return true;
    });
  });

  it('a saved input torch did not keep (x * constant: x only matters for the constant\'s gradient) may change', () => {
    const x = tensor([1, 2], { dtype: 'float64', requiresGrad: true });
    const h = x.mul(1.5);
    const z = h.mul(tensor([3, 4], { dtype: 'float64' }));
    h.mul_(2);
    z.sum().backward();
    assertClose(x.grad!, [4.5, 6]);
  });

  it('names a float64 leaf without "output 0 of" when it was modified under noGrad', () => {
    const w = tensor([[1, 2], [3, 4]], { dtype: 'float64', requiresGrad: true });
    const y = w.exp().mul(w).sum(); // mul saves w
    noGrad(() => w.add_(1));
    assert.throws(() => y.backward(), /\[torch\.DoubleTensor \[2, 2\]\] is at version 1; expected version 0 instead/);
  });

  it('refuses in-place ops on a leaf that requires grad outside noGrad', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    assert.throws(() => w.add_(1), /a leaf Variable that requires grad is being used in an in-place operation\./);
    noGrad(() => w.sub_(tensor([0.5, 0.5]), 2));
    assertClose(w, [0, 1]);
    assert.strictEqual(w.requiresGrad, true);
  });

  it('refuses in-place ops on a view of such a leaf, but allows them on its detached alias', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    assert.throws(() => w.view(2, 1).mul_(2), /a view of a leaf Variable that requires grad is being used in an in-place operation\./);
    w.detach().mul_(2);
    assertClose(w, [2, 4]);
    assert.strictEqual(w._version, 1);
  });

  it('records the in-place op as the tensor\'s new grad_fn over its old history', () => {
    const x = tensor([1, 2], { dtype: 'float64', requiresGrad: true });
    const h = x.mul(3);
    const old = h.gradFn;
    h.add_(x);
    assert.strictEqual(h.gradFn!.name, 'AddBackward0');
    assert.strictEqual(h.gradFn!.nextFunctions[0][0], old);
    assert.deepStrictEqual(nextNames(h), ['MulBackward0', 'AccumulateGrad']);
    h.mul_(h); // d/dx of (4x)^2 = 32x
    h.sum().backward();
    assertClose(x.grad!, [32, 64]);
  });

  it('a tensor that needs no grad becomes part of the graph when a grad-requiring operand is added in', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const acc = zeros(2);
    acc.add_(x.mul(x));
    assert.strictEqual(acc.requiresGrad, true);
    acc.sum().backward();
    assertClose(x.grad!, [2, 4]);
  });

  it('views share storage and version with their base', () => {
    const a = tensor([[1, 2], [3, 4]]);
    const v = a.view(4);
    noGrad(() => v.mul_(10));
    assertClose(a, [10, 20, 30, 40]);
    assert.strictEqual(a._version, 1);
    a.zero_();
    assertClose(v, [0, 0, 0, 0]);
    assert.strictEqual(v._version, 2);
  });

  it('single-element results (kept without storage until read) stay consistent through in-place ops and views', () => {
    const x = tensor(2.0);
    const y = x.mul(3); // a single element: no typed array yet
    const v = y.view(1);
    noGrad(() => v.add_(1));
    assert.strictEqual(y.item(), 7);
    assert.strictEqual(y.dataSync()[0], 7);
    const z = x.add(0.1);
    assert.strictEqual(z.item(), Math.fround(2 + 0.1), 'float32 rounding also without storage');
    z.mul_(2);
    assert.strictEqual(z.item(), Math.fround(Math.fround(2.1) * 2));
    assert.strictEqual(z.numel(), 1);
  });

  it('rejects an in-place result that does not fit the tensor', () => {
    const a = zeros(3);
    assert.throws(() => a.add_(zeros(2, 3)), /output with shape \[3\] doesn't match the broadcast shape \[2, 3\]/);
  });
});
