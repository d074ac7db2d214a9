import * as assert from 'assert';
import { inspect } from 'util';
import { tensor } from '../../../engine/index';
import type { Tensor } from '../../../engine/index';

describe('engine: comparison methods and Node printing', () => {
  const a = () => tensor([1, 2, 3], { requiresGrad: true });
  const table: [string, () => Tensor, boolean[]][] = [
    ['gt number', () => a().gt(2), [false, false, true]],
    ['lt number', () => a().lt(2), [true, false, false]],
    ['ge tensor, broadcast', () => a().ge(tensor([[2], [0]])), [false, true, true, true, true, true]],
    ['le number', () => a().le(2), [true, true, false]],
    ['eq number', () => a().eq(2), [false, true, false]],
    ['ne number', () => a().ne(2), [true, false, true]],
  ];
  for (const [name, make, expected] of table) {
    it(name, () => {
      const m = make();
      assert.strictEqual(m.dtype, 'bool');
      assert.strictEqual(m.requiresGrad, false, 'a mask is not differentiable');
      assert.strictEqual(m.gradFn, null);
      assert.deepStrictEqual(Array.from(m.dataSync(), (v) => v === 1), expected);
    });
  }

  it('console.log of a tensor prints PyTorch text, not the object', () => {
    const z = tensor(1.0, { requiresGrad: true }).mul(2);
    assert.strictEqual(inspect(z), 'tensor(2., grad_fn=<MulBackward0>)');
    assert.strictEqual(inspect([tensor([true, false])]), '[ tensor([ True, False]) ]');
  });
});
