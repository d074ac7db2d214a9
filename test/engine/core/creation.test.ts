import * as assert from 'assert';
import { tensor, zeros, ones, full, eye, arange, linspace, zerosLike, onesLike, fromFlat, ArgumentError } from '../../../engine/index';
import { assertClose } from './helpers';

describe('engine/creation', () => {
  it('tensor infers shape from nested arrays; numbers are the default float dtype, booleans bool', () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]]);
    assert.deepStrictEqual([...t.shape], [2, 3]);
    assert.strictEqual(t.dtype, 'float32');
    assert.deepStrictEqual([...t.dataSync()], [1, 2, 3, 4, 5, 6]);
    assert.deepStrictEqual([...tensor(2.5).shape], []);
    assert.strictEqual(tensor([true, false]).dtype, 'bool');
    assert.deepStrictEqual([...tensor([1.7, -2.2], { dtype: 'int64' }).dataSync()], [1, -2]);
    assert.throws(() => tensor([[1, 2], [3]]), ArgumentError);
    assert.throws(() => tensor([1], { dtype: 'int64', requiresGrad: true }), /Only Tensors of floating point and complex dtype can require gradients/);
  });

  it('zeros/ones/full take varargs or a list and options', () => {
    assert.deepStrictEqual([...zeros(2, 3).shape], [2, 3]);
    assert.deepStrictEqual([...ones([4], { dtype: 'float64' }).dataSync()], [1, 1, 1, 1]);
    assert.strictEqual(ones(2, { requiresGrad: true }).requiresGrad, true);
    assertClose(full([2], 7), [7, 7], [2]);
    const t = tensor([[1, 2]], { dtype: 'float64' });
    assert.strictEqual(zerosLike(t).dtype, 'float64');
    assertClose(onesLike(t), [1, 1], [1, 2]);
    assert.throws(() => zeros(-1), /\[zeros\] Trying to create tensor with negative dimension -1: \[-1\]/);
  });

  it('eye, arange, linspace', () => {
    assertClose(eye(2, 3), [1, 0, 0, 0, 1, 0], [2, 3]);
    assertClose(arange(5), [0, 1, 2, 3, 4], [5]);
    assertClose(arange(1, 2, 0.25), [1, 1.25, 1.5, 1.75], [4]);
    assertClose(arange(3, 0, -1), [3, 2, 1], [3]);
    assertClose(linspace(0, 1, 5, { dtype: 'float64' }), [0, 0.25, 0.5, 0.75, 1], [5], 0, 0);
    assertClose(linspace(2, 3, 1), [2], [1]);
  });

  it('fromFlat builds a tensor from flat data and a shape', () => {
    const t = fromFlat([1, 2, 3, 4, 5, 6], [3, 2], { dtype: 'float64', requiresGrad: true });
    assert.deepStrictEqual(t.tolist(), [[1, 2], [3, 4], [5, 6]]);
    assert.ok(t.requiresGrad && t.isLeaf);
    assert.throws(() => fromFlat([1, 2], [3]), /needs 3 elements, got 2/);
  });
});
