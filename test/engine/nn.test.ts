import * as assert from 'assert';
import { F, tensor, fromFlat, ArgumentError, ShapeError } from '../../engine/index';

/** Behaviours of the nn ops that the oracle cases do not reach. Expected values are closed forms. */
const f64 = { dtype: 'float64' } as const;
const close = (a: number, b: number, tol = 1e-12): void => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

describe('nn: numerics', () => {
  it('softmax and logsumexp stay finite for large inputs (max-shifted)', () => {
    const x = tensor([1000, 1001, 1002], f64);
    const p = F.softmax(x, 0);
    const e = [Math.exp(-2), Math.exp(-1), 1];
    const z = e[0] + e[1] + e[2];
    e.forEach((v, i) => close(p.dataSync()[i], v / z));
    close(F.logsumexp(x, 0).item(), 1002 + Math.log(z));
    assert.strictEqual(F.logsumexp(tensor([-Infinity, -Infinity], f64), 0).item(), -Infinity);
  });
  it('softplus is the identity above the threshold, with gradient 1 there', () => {
    const x = tensor([30, 0.5], { dtype: 'float64', requiresGrad: true });
    const y = F.softplus(x);
    assert.strictEqual(y.dataSync()[0], 30);
    close(y.dataSync()[1], Math.log1p(Math.exp(0.5)));
    y.sum().backward();
    assert.strictEqual(x.grad?.dataSync()[0], 1);
    close(x.grad?.dataSync()[1] ?? NaN, 1 / (1 + Math.exp(-0.5)));
  });
  it('gelu exact is x·Φ(x): gelu(1) = 0.8413447460685429', () => {
    close(F.gelu(tensor([1], f64)).item(), 0.8413447460685429, 1e-15);
  });
  it('float32 inputs give float32 results rounded like torch', () => {
    const y = F.softmax(tensor([0.1, 0.2]), 0);
    assert.strictEqual(y.dtype, 'float32');
    assert.strictEqual(y.dataSync()[0], Math.fround(y.dataSync()[0]));
  });
});

describe('nn: losses', () => {
  it('nll_loss ignores ignore_index targets and means over the rest', () => {
    const x = fromFlat([1, 2, 3, 4, 5, 6], [2, 3], f64);
    const t = fromFlat([2, -100], [2], { dtype: 'int64' });
    assert.strictEqual(F.nllLoss(x, t).item(), -3);
    assert.strictEqual(F.nllLoss(x, t, { reduction: 'sum' }).item(), -3);
  });
  it('cross_entropy of a 1-d input uses dim 0 and a 0-d target', () => {
    const x = tensor([0.5, 1.5, -1], f64);
    const lse = Math.log(Math.exp(0.5) + Math.exp(1.5) + Math.exp(-1));
    close(F.crossEntropy(x, tensor(1, { dtype: 'int64' })).item(), lse - 1.5);
  });
  it('rejects float targets for nll_loss, out-of-range classes and unknown reductions', () => {
    const x = fromFlat([1, 2, 3, 4], [2, 2], f64);
    assert.throws(() => F.nllLoss(x, tensor([0, 1])), ArgumentError);
    assert.throws(() => F.nllLoss(x, fromFlat([0, 2], [2], { dtype: 'int64' })), /Target 2 is out of bounds/);
    assert.throws(() => F.mseLoss(x, x, { reduction: 'avg' as 'mean' }), /avg is not a valid value for reduction/);
  });
});

describe('nn: composites record torch 1.13 graphs', () => {
  it('linear on a non-contiguous 3-d input goes through matmul then AddBackward0', () => {
    const x = fromFlat(Array.from({ length: 24 }, (_, i) => i / 10), [4, 2, 3], { dtype: 'float64', requiresGrad: true }).transpose(0, 1);
    const W = fromFlat(Array.from({ length: 6 }, (_, i) => i - 2), [2, 3], { dtype: 'float64', requiresGrad: true });
    const y = F.linear(x, W, tensor([0.5, -0.5], f64));
    assert.strictEqual(y.gradFn?.name, 'AddBackward0');
    assert.strictEqual(y.gradFn?.nextFunctions[0][0]?.name, 'UnsafeViewBackward0');
    assert.deepStrictEqual(y.shape, [2, 4, 2]);
  });
  it('cross_entropy is NllLossBackward0 over LogSoftmaxBackward0', () => {
    const x = tensor([[0.1, 0.2], [0.3, -0.4]], { dtype: 'float64', requiresGrad: true });
    const loss = F.crossEntropy(x, fromFlat([1, 0], [2], { dtype: 'int64' }));
    assert.strictEqual(loss.gradFn?.name, 'NllLossBackward0');
    assert.strictEqual(loss.gradFn?.nextFunctions[0][0]?.name, 'LogSoftmaxBackward0');
  });
});

describe('nn: errors name the op and the shapes', () => {
  it('conv2d with mismatched channels', () => {
    const x = fromFlat(new Array(2 * 3 * 4 * 4).fill(0), [2, 3, 4, 4], f64);
    const w = fromFlat(new Array(5 * 2 * 3 * 3).fill(0), [5, 2, 3, 3], f64);
    assert.throws(() => F.conv2d(x, w), (e: unknown) => e instanceof ShapeError
      && e.message === '[conv2d] Given groups=1, weight of size [5, 2, 3, 3], expected input[2, 3, 4, 4] to have 2 channels, but got 3 channels instead');
  });
  it('layer_norm with a normalized_shape that does not end the input shape', () => {
    const x = fromFlat(new Array(6).fill(1), [2, 3], f64);
    assert.throws(() => F.layerNorm(x, [2]), /\[layer_norm\] Given normalized_shape=\[2\], expected input with shape \[\*, 2\], but got input of size \[2, 3\]/);
  });
  it('gelu with an unknown approximation', () => {
    assert.throws(() => F.gelu(tensor([1]), { approximate: 'fast' as 'tanh' }), ArgumentError);
  });
});
