/**
 * indexPut / indexPut_ (torch.index_put, Tensor.index_put_): the JavaScript API's rules. Values,
 * gradients and graphs against PyTorch are in test/fixtures/oracle/indexing.json (index_put cases).
 */
import * as assert from 'assert';
import { ArgumentError, AutogradError, Tensor, fromFlat, indexPut, tensor, zeros } from '../../../engine/index';

const long = (data: number[]): Tensor => fromFlat(data, [data.length], { dtype: 'int64' });
const f64 = { dtype: 'float64' } as const;

describe('engine/indexPut_: in place, with torch\'s autograd rules', () => {
  it('writes in place, returns the same tensor and bumps its version (torch: x.index_put_((i,), tensor(1.5)))', () => {
    const x = zeros([3, 2], f64);
    const y = x.indexPut_([long([2, 0])], tensor(1.5, f64));
    assert.strictEqual(y, x);
    assert.strictEqual(x._version, 1);
    assert.deepStrictEqual([...x.dataSync()], [1.5, 1.5, 0, 0, 1.5, 1.5]);
  });

  it('accumulates repeated positions and records IndexPutBackward0 over the old history', () => {
    const a = tensor([1, 2, 3], { requiresGrad: true });
    const h = a.mul(1);
    h.indexPut_([long([0, 0])], tensor([5, 6]), true);
    assert.deepStrictEqual([...h.dataSync()], [12, 2, 3]);
    assert.strictEqual(h.gradFn?.name, 'IndexPutBackward0');
    assert.deepStrictEqual(h.gradFn?.nextFunctions.map(([f]) => f?.name ?? null), ['MulBackward0', null]);
  });

  it('refuses a leaf that requires grad with torch\'s message, before writing anything', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    assert.throws(() => w.indexPut_([long([0])], tensor(0)), (e: unknown) => e instanceof AutogradError && /a leaf Variable that requires grad is being used in an in-place operation\./.test((e as Error).message));
    assert.deepStrictEqual([...w.dataSync()], [1, 2], 'refused before writing');
  });

  it('a number as values is converted to the tensor\'s dtype, as torch\'s setitem does (int32: truncated)', () => {
    const z = tensor([1, 2, 3], { dtype: 'int32' });
    assert.deepStrictEqual([...indexPut(z, [long([0])], 2.7).dataSync()], [2, 2, 3]);
    assert.deepStrictEqual([...z.dataSync()], [1, 2, 3], 'indexPut leaves its input unchanged');
  });
});

describe('engine/indexPut: bad arguments name the argument', () => {
  const x = (): Tensor => zeros([3], f64);
  const v = (): Tensor => tensor(1, f64);
  const cases: [string, () => unknown, RegExp][] = [
    ['indices not an array', () => x().indexPut_(long([0]) as unknown as Tensor[], v()), /argument 'indices' must be an array of index tensors/],
    ['no index', () => x().indexPut_([], v()), /argument 'indices' must hold at least one index tensor/],
    ['null as an index (torch.index_put takes tensors only)', () => x().indexPut_([null as unknown as Tensor], v()), /expected Tensor as element 0 in argument 'indices', but got null/],
    ['a list as an index', () => x().indexPut_([[0] as unknown as Tensor], v()), /expected Tensor as element 0 in argument 'indices', but got object/],
    ['values neither tensor nor number', () => x().indexPut_([long([0])], 'a' as unknown as Tensor), /argument 'values' must be a Tensor or a number, got string/],
    ['accumulate not a boolean', () => x().indexPut_([long([0])], v(), 1 as unknown as boolean), /argument 'accumulate' must be a boolean, got number/],
    ['too many indices', () => x().indexPut_([long([0]), long([0])], v()), /too many indices for tensor of dimension 1 \(got 2\)/],
    ['a 0-dim boolean index', () => x().indexPut_([tensor(true)], v()), /a 0-dim boolean index is only supported by getitem/],
  ];
  for (const [name, f, re] of cases) {
    it(name, () => assert.throws(f, (e: unknown) => e instanceof ArgumentError && re.test((e as Error).message)));
  }
});
