import * as assert from 'assert';
import * as gl from '../../../engine/index';
import { tensor, arange, ShapeError, ArgumentError } from '../../../engine/index';
import type { Tensor } from '../../../engine/index';
import { assertClose, nextNames } from './helpers';

const f64 = { dtype: 'float64' as const };
const m23 = () => tensor([[1, 2, 3], [4, 5, 6]], f64);

describe('engine/ops: values', () => {
  const table: [string, () => Tensor, number[], number[]][] = [
    ['broadcast add [3,1]+[4]', () => tensor([[1], [2], [3]], f64).add(tensor([10, 20, 30, 40], f64)), [11, 21, 31, 41, 12, 22, 32, 42, 13, 23, 33, 43], [3, 4]],
    ['0-d * matrix', () => tensor(2, f64).mul(m23()), [2, 4, 6, 8, 10, 12], [2, 3]],
    ['number - tensor', () => gl.sub(10, m23()), [9, 8, 7, 6, 5, 4], [2, 3]],
    ['sub with alpha', () => m23().sub(1, 2), [-1, 0, 1, 2, 3, 4], [2, 3]],
    ['number / tensor', () => gl.div(6, m23()), [6, 3, 2, 1.5, 1.2, 1], [2, 3]],
    ['pow by number', () => m23().pow(2), [1, 4, 9, 16, 25, 36], [2, 3]],
    ['number ** tensor', () => gl.pow(2, m23()), [2, 4, 8, 16, 32, 64], [2, 3]],
    ['maximum broadcast', () => tensor([1, 5], f64).maximum(tensor([[3], [0]], f64)), [3, 5, 1, 5], [2, 2]],
    ['clamp', () => tensor([-2, 0.5, 3], f64).clamp(-1, 1), [-1, 0.5, 1], [3]],
    ['clamp min only', () => tensor([-2, 0.5, 3], f64).clamp(0), [0, 0.5, 3], [3]],
    ['relu', () => tensor([-2, 0.5], f64).relu(), [0, 0.5], [2]],
    ['sigmoid', () => tensor([0, -800], f64).sigmoid(), [0.5, 0], [2]],
    ['sum all', () => m23().sum(), [21], []],
    ['sum dim 0', () => m23().sum(0), [5, 7, 9], [3]],
    ['sum dim -1 keepdim', () => m23().sum(-1, true), [6, 15], [2, 1]],
    ['sum dims [0,1]', () => m23().sum([0, 1]), [21], []],
    ['mean dim 1', () => m23().mean(1), [2, 5], [2]],
    ['var (unbiased)', () => m23().var(), [3.5], []],
    ['var dim 1 biased', () => m23().var(1, false), [2 / 3, 2 / 3], [2]],
    ['std dim 0 keepdim', () => m23().std(0, true, true), [Math.SQRT2 * 1.5, Math.SQRT2 * 1.5, Math.SQRT2 * 1.5], [1, 3]],
    ['max all', () => m23().max(), [6], []],
    ['amax dims', () => arange(24, f64).reshape(2, 3, 4).amax([0, 2]), [15, 19, 23], [3]],
    ['transpose', () => m23().transpose(0, 1), [1, 4, 2, 5, 3, 6], [3, 2]],
    ['permute', () => arange(6, f64).reshape(1, 2, 3).permute(2, 0, 1), [0, 3, 1, 4, 2, 5], [3, 1, 2]],
    ['expand', () => tensor([[1], [2]], f64).expand(2, 3), [1, 1, 1, 2, 2, 2], [2, 3]],
    ['expand -1 with a new dim', () => tensor([1, 2], f64).expand(2, -1), [1, 2, 1, 2], [2, 2]],
    ['squeeze', () => tensor([[[1], [2]]], f64).squeeze(), [1, 2], [2]],
    ['unsqueeze -1', () => tensor([1, 2], f64).unsqueeze(-1), [1, 2], [2, 1]],
    ['reshape of a transpose copies in the right order', () => m23().t().reshape(6), [1, 4, 2, 5, 3, 6], [6]],
    ['select', () => m23().select(1, -1), [3, 6], [2]],
    ['slice with step', () => arange(6, f64).slice(0, 1, 6, 2), [1, 3, 5], [3]],
    ['narrow', () => m23().narrow(1, 1, 2), [2, 3, 5, 6], [2, 2]],
    ['index [-1, 1:3]', () => arange(24, f64).reshape(2, 3, 4).index([-1, { start: 1, stop: 3 }]), [16, 17, 18, 19, 20, 21, 22, 23], [2, 4]],
    ['index [:, ::2]', () => arange(15, f64).reshape(3, 5).index([{}, { step: 2 }]), [0, 2, 4, 5, 7, 9, 10, 12, 14], [3, 3]],
    ['index clamps out-of-range bounds', () => arange(4, f64).index([{ start: -10, stop: 10 }]), [0, 1, 2, 3], [4]],
    ['cat dim 1', () => gl.cat([tensor([[1], [2]], f64), tensor([[3, 4], [5, 6]], f64)], 1), [1, 3, 4, 2, 5, 6], [2, 3]],
    ['stack dim 1', () => gl.stack([tensor([1, 2], f64), tensor([3, 4], f64)], 1), [1, 3, 2, 4], [2, 2]],
    ['where with a number', () => gl.where(tensor([true, false, true]), tensor([1, 2, 3], f64), 0), [1, 0, 3], [3]],
    ['dot', () => tensor([1, 2, 3], f64).matmul(tensor([4, 5, 6], f64)), [32], []],
    ['mv', () => m23().matmul(tensor([1, 0, -1], f64)), [-2, -2], [2]],
    ['1-D @ 2-D', () => tensor([1, 1], f64).matmul(m23()), [5, 7, 9], [3]],
    ['batched @ 2-D', () => arange(12, f64).reshape(2, 2, 3).matmul(tensor([[1], [0], [0]], f64)), [0, 3, 6, 9], [2, 2, 1]],
    ['2-D @ batched', () => tensor([[1, 0]], f64).matmul(arange(8, f64).reshape(2, 2, 2)), [0, 1, 4, 5], [2, 1, 2]],
    ['broadcast batch', () => gl.ones([2, 1, 2, 3], f64).matmul(gl.ones([3, 3, 2], f64)), new Array(24).fill(3), [2, 3, 2, 2]],
    ['addmm', () => gl.addmm(tensor([10, 20], f64), tensor([[1, 2]], f64), tensor([[1, 0], [0, 1]], f64)), [11, 22], [1, 2]],
  ];
  for (const [name, make, data, shape] of table) it(name, () => assertClose(make(), data, shape, 1e-12, 1e-12));

  it('max(dim) returns values and indices', () => {
    const { values, indices } = tensor([[1, 9, 3], [7, 2, 8]], f64).max(1);
    assertClose(values, [9, 8], [2]);
    assert.strictEqual(indices.dtype, 'int64');
    assert.deepStrictEqual(indices.tolist(), [1, 2]);
  });

  it('item, tolist and numel', () => {
    assert.strictEqual(tensor([[2.5]]).item(), 2.5);
    assert.deepStrictEqual(m23().tolist(), [[1, 2, 3], [4, 5, 6]]);
    assert.deepStrictEqual(tensor([true, false]).tolist(), [true, false]);
    assert.strictEqual(m23().numel(), 6);
    assert.strictEqual(m23().ndim, 2);
    assert.throws(() => m23().item(), /a Tensor with 6 elements cannot be converted to Scalar/);
  });
});

describe('engine/ops: dtypes', () => {
  it('float32 is the default and results are rounded to float32', () => {
    const t = tensor([0.1]).mul(3);
    assert.strictEqual(t.dtype, 'float32');
    assert.strictEqual(t.dataSync()[0], Math.fround(Math.fround(0.1) * 3));
    assert.notStrictEqual(t.dataSync()[0], 0.1 * 3);
  });
  it('promotes like torch', () => {
    const i = tensor([1, 2], { dtype: 'int64' });
    assert.strictEqual(i.mul(2).dtype, 'int64');
    assert.strictEqual(i.mul(2.5).dtype, 'float32');
    assert.strictEqual(i.div(2).dtype, 'float32');
    assert.strictEqual(tensor([1]).add(tensor([1], f64)).dtype, 'float64');
    assert.strictEqual(tensor([1]).add(tensor(1, f64)).dtype, 'float32', 'a 0-d float64 does not promote a float32 tensor');
    assert.strictEqual(i.add(tensor(1, f64)).dtype, 'float64', 'but it does promote an integer tensor');
    assert.strictEqual(tensor([1]).add(1e-300).dtype, 'float32');
  });
  it('setDefaultDtype switches new float tensors to float64', () => {
    gl.setDefaultDtype('float64');
    try {
      assert.strictEqual(tensor(1).dtype, 'float64');
      assert.strictEqual(gl.zeros(2).dtype, 'float64');
    } finally {
      gl.setDefaultDtype('float32');
    }
    assert.strictEqual(gl.getDefaultDtype(), 'float32');
  });
});

describe('engine/ops: graph names of composites', () => {
  const req = { dtype: 'float64' as const, requiresGrad: true };
  const cases: [string, () => Tensor, string, (string | null)[]][] = [
    ['1-D @ 1-D', () => gl.ones([4], req).matmul(gl.ones([4], req)), 'DotBackward0', ['AccumulateGrad', 'AccumulateGrad']],
    ['2-D @ 1-D', () => gl.ones([3, 4], req).matmul(gl.ones([4], req)), 'MvBackward0', ['AccumulateGrad', 'AccumulateGrad']],
    ['1-D @ 2-D', () => gl.ones([3], req).matmul(gl.ones([3, 2], req)), 'SqueezeBackward3', ['MmBackward0']],
    ['3-D @ 3-D', () => gl.ones([2, 3, 4], req).matmul(gl.ones([2, 4, 2], req)), 'UnsafeViewBackward0', ['BmmBackward0']],
    ['3-D @ 2-D folds', () => gl.ones([2, 3, 4], req).matmul(gl.ones([4, 5], req)), 'UnsafeViewBackward0', ['MmBackward0']],
    ['2-D @ 3-D', () => gl.ones([2, 3], req).matmul(gl.ones([2, 3, 2], req)), 'CloneBackward0', ['TransposeBackward0']],
    ['reshape of contiguous (torch 1.13: _reshape_alias)', () => gl.ones([2, 6], req).reshape(3, 4), 'ReshapeAliasBackward0', ['AccumulateGrad']],
    ['reshape needing a copy', () => gl.ones([3, 2], req).t().reshape(6), 'UnsafeViewBackward0', ['CloneBackward0']],
    ['reshape of a transpose that is still a view', () => gl.ones([3, 4], req).transpose(0, 1).reshape(2, -1, 3), 'ReshapeAliasBackward0', ['TransposeBackward0']],
    ['view stays ViewBackward0', () => gl.ones([2, 6], req).view(3, 4), 'ViewBackward0', ['AccumulateGrad']],
    ['flatten is a reshape', () => gl.ones([2, 3, 1], req).flatten(0, 1), 'ReshapeAliasBackward0', ['AccumulateGrad']],
    ['getitem [:, ::2]', () => gl.ones([3, 5], req).index([{}, { step: 2 }]), 'SliceBackward0', ['SliceBackward0']],
    ['getitem [1:, 0]', () => gl.ones([4, 3], req).index([{ start: 1 }, 0]), 'SelectBackward0', ['SliceBackward0']],
    ['getitem [:4] of a length-4 dim is skipped, as torch 1.13 does', () => gl.ones([4, 3], req).index([{ stop: 4 }, 1]), 'SelectBackward0', ['AccumulateGrad']],
    ['getitem that records nothing is an alias', () => gl.ones([4, 3], req).index([{ start: 0, stop: 4 }]), 'AliasBackward0', ['AccumulateGrad']],
    ['getitem with a single (non-list) slice always records it', () => gl.ones([4], req).index({ start: 0, stop: 4 }), 'SliceBackward0', ['AccumulateGrad']],
    ['squeeze()', () => gl.ones([1, 3, 1], req).squeeze(), 'SqueezeBackward0', ['AccumulateGrad']],
    ['squeeze(dim)', () => gl.ones([3, 1], req).squeeze(1), 'SqueezeBackward1', ['AccumulateGrad']],
    ['clamp', () => gl.ones([3], req).clamp(0, 1), 'ClampBackward1', ['AccumulateGrad']],
    ['max()', () => gl.ones([3], req).max(), 'MaxBackward1', ['AccumulateGrad']],
    ['max(dim)', () => gl.ones([3, 2], req).max(1).values, 'MaxBackward0', ['AccumulateGrad']],
    ['where with a number', () => gl.where(tensor([true]), gl.ones([1], req), 1), 'WhereBackward0', ['AccumulateGrad', null]],
    ['cat skips a constant', () => gl.cat([gl.ones([1], req), gl.ones([1])]), 'CatBackward0', ['AccumulateGrad', null]],
  ];
  for (const [name, make, fn, next] of cases) {
    it(`${name} -> ${fn}`, () => {
      const t = make();
      assert.strictEqual(t.gradFn!.name, fn);
      assert.deepStrictEqual(nextNames(t), next);
    });
  }
});

describe('engine/ops: errors', () => {
  it('matmul names the op and both shapes', () => {
    assert.throws(() => gl.ones([2, 3]).matmul(gl.ones([2, 2])), (e: unknown) => e instanceof ShapeError && e.message === '[matmul] mat1 and mat2 shapes cannot be multiplied (2x3 and 2x2)');
  });
  it('view refuses a non-viewable input with torch\'s hint', () => {
    assert.throws(() => gl.ones([3, 2]).t().view(6), /view size is not compatible with input tensor's size and stride.*Use \.reshape\(\.\.\.\) instead/);
  });
  it('select and cat check their arguments', () => {
    assert.throws(() => gl.ones([2]).select(0, 2), (e: unknown) => e instanceof ArgumentError && /index 2 is out of bounds for dimension 0 with size 2/.test(e.message));
    assert.throws(() => gl.cat([gl.ones([2, 2]), gl.ones([3, 3])], 0), /Sizes of tensors must match except in dimension 0/);
    assert.throws(() => gl.ones([2, 3]).expand(4, 3), /The expanded size of the tensor \(4\) must match the existing size \(2\)/);
  });
});
