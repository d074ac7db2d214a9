/** The compute budget (engine/limits): each costly op charges its work before running it. */
import * as assert from 'assert';
import {
  withLimits, addmm, tensor, ones, randn, zeros, F, SGD, Adam, BudgetError, Tensor, type Tensor as TensorT,
} from '../../../engine/index';
import { usage } from '../../../engine/limits';

interface Case {
  what: string;
  /** Makes the inputs (charged before the op, outside the measured part). */
  setup: () => TensorT[];
  run: (xs: TensorT[]) => unknown;
  op: string;
  /** The work the op must ask for: its cost formula, written out. */
  work: number;
}

const CASES: Case[] = [
  { what: 'mm: m·n·k', setup: () => [ones(2, 3), ones(3, 4)], run: ([a, b]) => a.mm(b), op: 'mm', work: 2 * 4 * 3 },
  { what: 'matmul of matrices goes through mm', setup: () => [ones(5, 6), ones(6, 7)], run: ([a, b]) => a.matmul(b), op: 'mm', work: 5 * 7 * 6 },
  { what: 'bmm: b·m·n·k', setup: () => [ones(2, 2, 3), ones(2, 3, 4)], run: ([a, b]) => a.bmm(b), op: 'bmm', work: 2 * 2 * 4 * 3 },
  { what: 'mv: m·k', setup: () => [ones(3, 4), ones(4)], run: ([a, b]) => a.mv(b), op: 'mv', work: 12 },
  { what: 'dot: n', setup: () => [ones(5), ones(5)], run: ([a, b]) => a.dot(b), op: 'dot', work: 5 },
  { what: 'addmm: m·n·k', setup: () => [ones(2), ones(4, 3), ones(3, 2)], run: ([b, x, w]) => addmm(b, x, w), op: 'addmm', work: 4 * 2 * 3 },
  {
    what: 'conv2d: one unit per tap (n·cout·cin·kh·kw·oh·ow)', setup: () => [ones(2, 3, 6, 5), ones(4, 3, 3, 2)],
    run: ([x, w]) => F.conv2d(x, w), op: 'conv2d', work: 2 * 4 * 3 * 3 * 2 * 4 * 4,
  },
  { what: 'conv1d', setup: () => [ones(1, 2, 9), ones(3, 2, 4)], run: ([x, w]) => F.conv1d(x, w), op: 'conv1d', work: 1 * 3 * 2 * 4 * 6 },
  { what: 'sum over a dim reads every element', setup: () => [ones(4, 5)], run: ([x]) => x.sum(1), op: 'sum', work: 20 },
  { what: 'mean of all reads every element', setup: () => [ones(4, 5)], run: ([x]) => x.mean(), op: 'mean', work: 20 },
  { what: 'var reads every element', setup: () => [ones(3, 3)], run: ([x]) => x.var(), op: 'var', work: 9 },
  { what: 'max along a dim', setup: () => [ones(6, 2)], run: ([x]) => x.max(0), op: 'max', work: 12 },
  { what: 'argmax', setup: () => [ones(7)], run: ([x]) => x.argmax(), op: 'argmax', work: 7 },
  { what: 'tolist: 20 units an element', setup: () => [ones(2, 3)], run: ([x]) => x.tolist(), op: 'tolist', work: 20 * 6 },
  { what: 'toString: 500 units a shown element', setup: () => [ones(2, 3)], run: ([x]) => x.toString(), op: 'toString', work: 500 * 6 },
  { what: 'toString of a summarised tensor: 6 shown per dim', setup: () => [zeros(100, 50)], run: ([x]) => x.toString(), op: 'toString', work: 500 * 36 },
  { what: 'fill_ writes every element', setup: () => [zeros(11)], run: ([x]) => x.fill_(2), op: 'fill_', work: 11 },
];

/** Runs `c` with a compute budget of what its setup used plus `extra`. */
function withRoom(c: Case, extra: number): { error?: unknown; elementsBefore: number; elementsAfter: number } {
  const big = 1e12;
  return withLimits({ maxElements: big, maxCompute: big }, () => {
    const xs = c.setup();
    const before = usage();
    try {
      withLimits({ maxCompute: extra }, () => c.run(xs));
      return { elementsBefore: before.elements, elementsAfter: usage().elements };
    } catch (error) {
      return { error, elementsBefore: before.elements, elementsAfter: usage().elements };
    }
  });
}

describe('engine/limits: compute budget', () => {
  for (const c of CASES) {
    it(`${c.what}: asks for ${c.work} units before running`, () => {
      const r = withRoom(c, c.work - 1);
      const e = r.error;
      assert.ok(e instanceof BudgetError, `expected a BudgetError, got ${String(e)}`);
      assert.strictEqual(e.op, c.op);
      assert.strictEqual(e.budget, 'maxCompute');
      assert.strictEqual(e.requested, c.work);
      assert.match(e.message, /compute budget .*maxCompute/);
      assert.strictEqual(r.elementsAfter, r.elementsBefore, 'nothing was allocated before the refusal');
    });
  }

  it('an op that fits runs and its work is counted', () => {
    const used = withLimits({ maxElements: 1e6, maxCompute: 1e6 }, () => {
      const a = ones(2, 3), b = ones(3, 4);
      const before = usage().compute;
      a.mm(b);
      return usage().compute - before;
    });
    assert.strictEqual(used, 2 * 4 * 3 + 8, 'the multiply-adds plus the 8 output elements');
  });

  it('an allocation also counts as work, so a compute budget alone bounds creation', () => {
    assert.throws(() => withLimits({ maxCompute: 1000 }, () => zeros(1001)), (e: unknown) => e instanceof BudgetError && e.budget === 'maxCompute' && e.op === 'zeros');
  });

  it('an optimizer step is charged as a whole before any parameter changes', () => {
    for (const make of [(ps: TensorT[]) => new SGD(ps, { lr: 0.1, momentum: 0.9 }), (ps: TensorT[]) => new Adam(ps)]) {
      withLimits({ maxElements: 1e6, maxCompute: 1e6 }, () => {
        const p = [tensor([1, 2, 3], { requiresGrad: true }), tensor([4, 5], { requiresGrad: true })];
        p[0].mul(p[0]).sum().add(p[1].sum()).backward();
        const opt = make(p);
        assert.throws(() => withLimits({ maxCompute: 4 }, () => opt.step()), (e: unknown) => e instanceof BudgetError && e.requested === 5);
        assert.deepStrictEqual([...p[0].dataSync(), ...p[1].dataSync()], [1, 2, 3, 4, 5], 'no parameter moved');
        opt.step();
        assert.notDeepStrictEqual([...p[0].dataSync()], [1, 2, 3]);
      });
    }
  });

  it('without a compute budget nothing is refused', () => {
    assert.strictEqual(randn(30, 30).matmul(randn(30, 30)).shape[0], 30);
  });
});

describe('engine: the exported Tensor constructor is a charged factory', () => {
  it('copies data into a fresh tensor of the shape and dtype', () => {
    const src = [1, 2, 3, 4, 5, 6];
    const t = new Tensor(src, [2, 3], 'float64');
    src[0] = 99;
    assert.deepStrictEqual(t.shape, [2, 3]);
    assert.strictEqual(t.dtype, 'float64');
    assert.deepStrictEqual([...t.dataSync()], [1, 2, 3, 4, 5, 6]);
    assert.strictEqual(new Tensor([1, 0], [2]).dtype, 'float32');
  });

  it('charges the element budget: a huge shape is refused before allocating', () => {
    assert.throws(() => withLimits({ maxElements: 1000 }, () => new Tensor(new Float32Array(2), [1e9], 'float32')),
      (e: unknown) => e instanceof BudgetError && e.requested === 1e9);
  });

  const bad: [string, () => unknown, RegExp][] = [
    ['a shape that does not match the data', () => new Tensor([1, 2, 3], [2, 2]), /needs 4 elements, got 3/],
    ['a negative size', () => new Tensor([1], [-1, -1]), /invalid size -1/],
    ['a fractional size', () => new Tensor([1], [0.5]), /invalid size 0.5/],
    ['a shape that is not an array', () => new Tensor([1], 1 as unknown as number[]), /shape must be an array/],
    ['an unknown dtype', () => new Tensor([1], [1], 'int8' as 'int64'), /unknown dtype int8/],
    ['data that is not array-like', () => new Tensor(null as unknown as number[], [1]), /data must be an array/],
    ['a call without new', () => (Tensor as unknown as (...a: unknown[]) => unknown)([1], [1]), /without 'new'/],
  ];
  for (const [what, f, message] of bad) {
    it(`refuses ${what} with an error naming Tensor`, () => {
      assert.throws(f, (e: unknown) => e instanceof Error && /^\[(Tensor|tensor)\]/.test(e.message) && message.test(e.message));
    });
  }

  it('engine-made tensors are instances of it, and their constructor is it (no way around the checks)', () => {
    const t = ones(2);
    assert.ok(t instanceof Tensor);
    assert.strictEqual(t.constructor, Tensor);
    const Ctor = t.constructor as unknown as new (d: number[], s: number[]) => TensorT;
    assert.throws(() => withLimits({ maxElements: 10 }, () => new Ctor([1], [1e9])), BudgetError);
  });
});

describe('engine/limits: scopes', () => {
  it('a scope that sets only one budget shares the other with its enclosing scope', () => {
    withLimits({ maxCompute: 1000 }, () => {
      withLimits({ maxElements: 600 }, () => zeros(500));
      assert.strictEqual(usage().compute, 500, 'the inner scope used the shared compute budget');
      assert.throws(() => withLimits({ maxElements: 600 }, () => zeros(501)), (e: unknown) => e instanceof BudgetError && e.budget === 'maxCompute');
      assert.strictEqual(usage().compute, 500, 'a refused allocation charges nothing');
    });
  });
});
