/**
 * F.relu / F.tanh / F.sigmoid / F.normalize refuse what is not a tensor as torch does, naming the op
 * (values, gradients and graphs against PyTorch: test/fixtures/oracle/functional.json).
 */
import * as assert from 'assert';
import { F, tensor } from '../../engine/index';

describe('engine/F: relu, tanh, sigmoid, normalize', () => {
  const CASES: [string, () => unknown, RegExp][] = [
    ['F.relu of a number', () => F.relu(3 as never), /\[relu\] argument 'input' \(position 1\) must be Tensor, not number/],
    ['F.tanh of null', () => F.tanh(null as never), /\[tanh\] argument 'input' \(position 1\) must be Tensor, not null/],
    ['F.sigmoid of an array', () => F.sigmoid([1, 2] as never), /\[sigmoid\] argument 'input' \(position 1\) must be Tensor, not list/],
    ['F.normalize with a string p', () => F.normalize(tensor([1, 2]), 'fro' as never), /\[normalize\] argument 'p' must be a number, got string/],
  ];
  for (const [what, f, re] of CASES) it(`refuses ${what}, naming the op`, () => assert.throws(f, re));

  it('F.normalize of a 1-d tensor normalises along dim 0 given explicitly (torch: dim 1 is out of range there)', () => {
    assert.deepStrictEqual(Array.from(F.normalize(tensor([3, 4], { dtype: 'float64' }), 2, 0).dataSync()), [0.6, 0.8]);
    assert.throws(() => F.normalize(tensor([3, 4])), /Dimension out of range/);
  });
});
