import * as assert from 'assert';
import { broadcastShapes, viewStrides, inferShape, isContiguousStrides, normDim } from '../../../engine/shape';
import { ShapeError, ArgumentError } from '../../../engine/index';

describe('engine/shape', () => {
  const cases: [number[], number[], number[]][] = [
    [[3, 1], [4], [3, 4]],
    [[], [2, 3], [2, 3]],
    [[2, 1, 3], [3], [2, 1, 3]],
    [[4, 1], [1, 5], [4, 5]],
    [[5, 1, 4, 1], [3, 1, 1], [5, 3, 4, 1]],
    [[0, 3], [1, 3], [0, 3]],
  ];
  for (const [a, b, out] of cases) {
    it(`broadcasts ${JSON.stringify(a)} with ${JSON.stringify(b)} to ${JSON.stringify(out)}`, () => {
      assert.deepStrictEqual(broadcastShapes('add', a, b), out);
      assert.deepStrictEqual(broadcastShapes('add', b, a), out);
    });
  }

  it('names the op and both sizes when shapes do not broadcast (torch message)', () => {
    assert.throws(() => broadcastShapes('add', [2, 3], [2, 4]), (e: unknown) => {
      assert.ok(e instanceof ShapeError);
      assert.strictEqual(e.op, 'add');
      assert.strictEqual(e.message, '[add] The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1');
      return true;
    });
  });

  it('computes view strides like torch computeStride (and refuses impossible views)', () => {
    // transposed [3,4] -> shape [4,3] strides [1,4]: splitting dim 0 is a view, flattening is not
    assert.deepStrictEqual(viewStrides([4, 3], [1, 4], [2, 2, 3]), [2, 1, 4]);
    assert.strictEqual(viewStrides([2, 3], [1, 2], [6]), null);
    assert.deepStrictEqual(viewStrides([2, 6], [6, 1], [3, 4]), [4, 1]);
    assert.deepStrictEqual(viewStrides([], [], [1, 1]), [1, 1]);
  });

  it('infers one -1 and rejects bad sizes', () => {
    assert.deepStrictEqual(inferShape('view', [2, -1, 3], 12), [2, 2, 3]);
    assert.throws(() => inferShape('view', [5, -1], 12), /shape '\[5, -1\]' is invalid for input of size 12/);
    assert.throws(() => inferShape('view', [-1, -1], 12), ArgumentError);
  });

  it('treats size-1 dims as contiguous whatever their stride, and wraps negative dims', () => {
    assert.ok(isContiguousStrides([1, 3], [99, 1]));
    assert.ok(!isContiguousStrides([3, 2], [1, 3]));
    assert.strictEqual(normDim('sum', -1, 3), 2);
    assert.throws(() => normDim('sum', 3, 3), /Dimension out of range \(expected to be in range of \[-3, 2\], but got 3\)/);
  });
});
