/**
 * x.index(...) (PyTorch getitem): the JavaScript spellings of each index form and the forms it
 * refuses. Values and graphs of the forms are checked against PyTorch in the oracle fixture
 * test/fixtures/oracle/indexing.json; results here were read off PyTorch 1.13 (x = arange(12.).reshape(3, 4)).
 */
import * as assert from 'assert';
import { ArgumentError, BudgetError, ShapeError, Tensor, arange, fromFlat, tensor, withLimits } from '../../../engine/index';
import type { IndexItem } from '../../../engine/index';

const f64 = { dtype: 'float64' } as const;
const x = (): Tensor => arange(12, f64).reshape(3, 4);
const long = (data: number[], shape = [data.length]): Tensor => fromFlat(data, shape, { dtype: 'int64' });

describe('engine/getitem: each index form', () => {
  const cases: [string, () => Tensor, number[], number[]][] = [
    ['x[[0, 2], [1, 3]] (two lists)', () => x().index([[0, 2], [1, 3]]), [2], [1, 11]],
    ['x[[[0, 2]]] is x[[0, 2]]: the outer array is the tuple', () => x().index([[0, 2]]), [2, 4], [0, 1, 2, 3, 8, 9, 10, 11]],
    ['x[tensor] as a single item', () => x().index(long([2])), [1, 4], [8, 9, 10, 11]],
    ['x[:, tensor] with {} as ":"', () => x().index([{}, long([3, 0])]), [3, 2], [3, 0, 7, 4, 11, 8]],
    ['x[[True, False, True]] (a list of booleans is a mask)', () => x().index([[true, false, true]]), [2, 4], [0, 1, 2, 3, 8, 9, 10, 11]],
    ['x[None, tensor]', () => x().index([null, long([1])]), [1, 1, 4], [4, 5, 6, 7]],
    ["x[..., tensor] with '...'", () => x().index(['...', long([0, 3])]), [3, 2], [0, 3, 4, 7, 8, 11]],
    ['x[True] and x[False]', () => x().index(true).index([{}, false]), [1, 0, 3, 4], []],
    ['x[tensor(1)] (0-dim int64 selects)', () => x().index(long([1], [])), [4], [4, 5, 6, 7]],
    ['x[[]] (an empty list is an empty int64 index)', () => x().index([[]]), [0, 4], []],
    ['x[-1, [-1, 0]] (negative ints and indices)', () => x().index([-1, [-1, 0]]), [2], [11, 8]],
  ];
  for (const [name, f, shape, data] of cases) {
    it(name, () => {
      const r = f();
      assert.deepStrictEqual([...r.shape], shape);
      assert.deepStrictEqual([...r.dataSync()], data);
    });
  }

  it('an index tensor picks the same values from an int tensor, keeping its dtype', () => {
    const r = tensor([10, 20, 30], { dtype: 'int32' }).index(long([2, 2, 0]));
    assert.strictEqual(r.dtype, 'int32');
    assert.deepStrictEqual([...r.dataSync()], [30, 30, 10]);
  });

  it('a tensor that needs no grad gives a result without a graph', () => {
    const r = x().index(long([0]));
    assert.strictEqual(r.gradFn, null);
    assert.strictEqual(r.requiresGrad, false);
  });
});

describe('engine/getitem: refused forms are ArgumentErrors naming the item, never a TypeError', () => {
  const refused: [string, IndexItem | readonly IndexItem[], RegExp][] = [
    ['a float index tensor (the JavaScript default dtype)', tensor([0, 1]), /^\[index\] tensors used as indices must be long, byte or bool tensors \(got float32: create index tensors with \{ dtype: 'int64' \}\)$/],
    ['an int32 index tensor (torch 1.13 refuses it)', tensor([0, 1], { dtype: 'int32' }), /^\[index\] tensors used as indices must be long, byte or bool tensors$/],
    ['a fractional number', 1.5, /only integers, slices \(`:`\), ellipsis \(`\.\.\.`\), None and long or byte Variables are valid indices \(got 1\.5 at item 0\)/],
    ['a string', 'a' as unknown as IndexItem, /index item 0 is not a valid index: .*got 'a'/],
    ['an object that is not a slice', [{ begin: 1 } as unknown as IndexItem], /index item 0 is not a valid index: .*got an object/],
    ['a fractional slice bound', [{ start: 0.5 }], /index item 0: slice start must be an integer or null, got 0\.5/],
    ['a list holding a fraction', [[0, 2.5]], /index item 0: an array index holds integers or booleans, got 2\.5/],
    ['a list holding a string', [[0, 'a'] as unknown as IndexItem], /index item 0: an array index holds integers or booleans, got 'a'/],
    ['a list mixing booleans and integers', [[true, 1]], /index item 0: an array index holds either integers or booleans, not both/],
    ['a ragged nested list', [[[0, 1], [2]]], /index item 0: a nested array must be rectangular/],
    ['two ellipses', ['...', '...'], /an index can only have a single ellipsis/],
    ['more items than dims', [0, 0, 0], /too many indices for tensor of dimension 2/],
    ['undefined', [undefined as unknown as IndexItem], /index item 0 is not a valid index: .*got undefined/],
  ];
  for (const [name, idx, re] of refused) {
    it(name, () => {
      assert.throws(() => x().index(idx as readonly IndexItem[]), (e: unknown) => {
        assert.ok(e instanceof ArgumentError, String(e));
        assert.match((e as Error).message, re);
        return true;
      });
    });
  }

  it('an out-of-range index names the index position and size as torch does', () => {
    assert.throws(() => x().index([[0, 3]]), /^ArgumentError: \[index\] index 3 is out of bounds for dimension 0 with size 3$/);
    assert.throws(() => x().index([{}, [4]]), /index 4 is out of bounds for dimension 0 with size 4/);
  });

  it('index tensors that do not broadcast: a ShapeError with torch text', () => {
    assert.throws(() => x().index([[0, 1], [0, 1, 2]]), (e: unknown) => e instanceof ShapeError && /shape mismatch: indexing tensors could not be broadcast together with shapes \[2\], \[3\]/.test((e as Error).message));
  });

  it('index tensors that broadcast to a huge result hit the element budget before anything is allocated', () => {
    const rows = long(Array.from({ length: 100000 }, (_, i) => i % 3), [100000, 1]);
    const cols = long(Array.from({ length: 100000 }, (_, i) => i % 4), [1, 100000]);
    for (const run of [() => x().index([rows, cols]), () => withLimits({ maxElements: 1e6 }, () => x().index([rows, cols]))]) {
      assert.throws(run, (e: unknown) => e instanceof BudgetError && /^\[index\] allocating 10000000000 elements/.test((e as Error).message));
    }
  });

  it('an int on a 0-dim tensor: torch\'s message, pointing at item()', () => {
    assert.throws(() => tensor(5).index(0), /invalid index of a 0-dim tensor\. Use `tensor\.item\(\)`/);
  });
});
