import * as assert from 'assert';
import { withLimits, zeros, ones, BudgetError, randn } from '../../../engine/index';

describe('engine/limits', () => {
  it('throws a BudgetError naming the op before allocating', () => {
    assert.throws(() => withLimits({ maxElements: 1000 }, () => zeros([1e9])), (e: unknown) => {
      assert.ok(e instanceof BudgetError);
      assert.strictEqual(e.op, 'zeros');
      assert.strictEqual(e.requested, 1e9);
      assert.strictEqual(e.limit, 1000);
      assert.match(e.message, /^\[zeros\] allocating 1000000000 elements would exceed the element budget of 1000/);
      return true;
    });
  });

  it('counts every allocation cumulatively, including op results', () => {
    assert.throws(
      () => withLimits({ maxElements: 150 }, () => {
        const a = ones(10, 10); // 100
        const b = a.matmul(a); // 200 > 150
        return b;
      }),
      (e: unknown) => e instanceof BudgetError && e.op === 'mm',
    );
    const ok = withLimits({ maxElements: 300 }, () => ones(10, 10).add(1).sum());
    assert.strictEqual(ok.item(), 200);
  });

  it('is scoped: the previous budget comes back after fn, also on throw, and nests', () => {
    withLimits({ maxElements: 50 }, () => {
      assert.throws(() => withLimits({ maxElements: 10 }, () => randn(11)), BudgetError);
      randn(40); // the outer budget is back (and the inner use is not charged to it)
    });
    assert.strictEqual(zeros(100000).numel(), 100000);
  });
});
