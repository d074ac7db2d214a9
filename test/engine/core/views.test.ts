/**
 * Views share their base's storage (engine/strided.ts, tensor-state.ts): what the oracle fixture
 * views.json cannot see — the row-major copy of a strided view after writes that bypass the
 * in-place ops' graph (optimizers), deferred values (engine/lazy) around writes through views,
 * contiguous(), `.data` of a view, and the errors. Expected values are the same tensors computed
 * without views (clone() is a copy), never typed in.
 */
import * as assert from 'assert';
import { Adam, ArgumentError, autograd, AutogradError, BudgetError, SGD, arange, noGrad, tensor, withLimits } from '../../../engine/index';
import type { Tensor } from '../../../engine/index';

const values = (t: Tensor): number[] => Array.from(t.dataSync());
/** x's values transposed, read from a copy (not through a view). */
const transposedCopy = (x: Tensor): number[] => values(x.clone().t().contiguous());

describe('engine/views share their base\'s storage', () => {
  const makers: [string, (b: Tensor) => Tensor][] = [
    ['t', (b) => b.t()],
    ['permute', (b) => b.permute([1, 0])],
    ['select', (b) => b.select(1, 2)],
    ['slice with a step', (b) => b.slice(1, 0, 4, 2)],
    ['narrow', (b) => b.narrow(0, 1, 2)],
    ['expand', (b) => b.select(0, 1).expand([2, 4])],
    ['index with an int and a slice', (b) => b.index([1, { start: 1 }])],
  ];
  for (const [name, make] of makers) {
    it(`${name}: a change of the base in place is seen by the view`, () => {
      const b = arange(12, { dtype: 'float64' }).reshape([3, 4]);
      const v = make(b);
      b.mul_(-2).add_(0.5);
      // the same view made now, of a copy of the changed base
      assert.deepStrictEqual(values(v), values(make(b.clone())));
    });
  }

  it('a view made before an optimizer step shows the stepped values', () => {
    const w = tensor([[1, 2, 3], [4, 5, 6]], { dtype: 'float64', requiresGrad: true });
    const wt = noGrad(() => w.t());
    w.mul(w).sum().backward();
    const before = values(wt); // read once just before the step: its row-major copy exists
    new SGD([w], { lr: 0.1 }).step();
    assert.notDeepStrictEqual(values(wt), before);
    assert.deepStrictEqual(values(wt), transposedCopy(w.detach()));
  });

  it('an optimizer steps a parameter that is a strided view, through to its base (values from PyTorch 1.13)', () => {
    // torch: b = tensor([[1., 2.], [3., 4.]]); w = b.t().requires_grad_(); two steps on sum(w * w * c)
    const cases: [string, (w: Tensor) => SGD | Adam, number[]][] = [
      ['SGD', (w) => new SGD([w], { lr: 0.1, momentum: 0.9 }), [0.72, 4.86, 0, 3.43]],
      ['Adam', (w) => new Adam([w], { lr: 0.1 }), [0.8004122297123382, 3.2000720143655177, 1.8001664858630053, 3.8000739958343983]],
    ];
    for (const [name, make, expected] of cases) {
      const b = tensor([[1, 2], [3, 4]], { dtype: 'float64' });
      const w = b.t().requiresGrad_();
      const c = tensor([[0.5, -1], [2, 0.25]], { dtype: 'float64' });
      const opt = make(w);
      for (let i = 0; i < 2; i++) {
        opt.zeroGrad();
        w.mul(w).mul(c).sum().backward();
        opt.step();
      }
      const got = Array.from(w.contiguous().dataSync());
      got.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) < 1e-12, `${name} w[${i}]: ${v} vs ${expected[i]}`));
      const base = Array.from(b.dataSync());
      assert.ok(Math.abs(base[1] - expected[2]) < 1e-12 && Math.abs(base[2] - expected[1]) < 1e-12, `${name}: the base holds the transposed update`);
    }
  });

  it('gradcheck perturbs a strided-view input in its storage, where views of it read', () => {
    const w = tensor([[1, 2], [3, 4]], { dtype: 'float64' }).t().requiresGrad_();
    // x.t() reads the base's storage, not w's row-major copy: a perturbation of the copy was lost
    assert.strictEqual(autograd.gradcheck((x: Tensor) => x.t().mul(x.t()).sum(), [w], { raiseException: false }), true);
  });

  it('a deferred value of the base keeps the old values when written through a view', () => {
    const x = arange(10000, { dtype: 'float32' }).reshape([100, 100]);
    const old = x.clone();
    const y = x.mul(2); // large: deferred (engine/lazy) until read
    x.t().select(0, 3).add_(1000);
    assert.deepStrictEqual(values(y), values(old.mul(2)));
    assert.notDeepStrictEqual(values(x), values(old));
  });

  it('a deferred value of a view keeps the old values when the base changes', () => {
    const x = arange(10000, { dtype: 'float32' }).reshape([100, 100]);
    const oldT = x.clone().t();
    const y = x.t().mul(2);
    x.add_(1);
    assert.deepStrictEqual(values(y), values(oldT.mul(2)));
  });

  it('contiguous() copies only a non-contiguous view', () => {
    const b = arange(6, { dtype: 'float64' }).reshape([2, 3]);
    const row = b.select(0, 1);
    assert.strictEqual(row.contiguous(), row);
    const t = b.t();
    assert.strictEqual(t.isContiguous(), false);
    const c = t.contiguous();
    assert.notStrictEqual(c, t);
    assert.strictEqual(c.isContiguous(), true);
    c.mul_(10);
    assert.deepStrictEqual(values(b), [0, 1, 2, 3, 4, 5]); // the copy does not reach the base
  });

  it('`.data` of a strided view shares the storage without bumping the version', () => {
    const b = arange(6, { dtype: 'float64' }).reshape([2, 3]);
    const v = b.t();
    v.data.mul_(2);
    assert.deepStrictEqual(values(b), [0, 2, 4, 6, 8, 10]);
    assert.strictEqual(b._version, 0);
  });

  it('`x.data = view` refuses a non-contiguous view, naming `data`', () => {
    const x = arange(6, { dtype: 'float64' }).reshape([3, 2]);
    const b = arange(6, { dtype: 'float64' }).reshape([2, 3]);
    assert.throws(() => { x.data = b.t(); }, (e: unknown) => e instanceof ArgumentError && /^\[data\] assigned tensor is a non-contiguous view/.test(e.message));
  });

  const overlapping: [string, (e: Tensor) => Tensor][] = [
    ['fill_', (e) => e.fill_(1)],
    ['zero_', (e) => e.zero_()],
    ['copy_', (e) => e.copy_(arange(6, { dtype: 'float64' }).reshape([2, 3]))],
    ['add_', (e) => e.add_(1)],
  ];
  for (const [op, write] of overlapping) {
    it(`${op} on an expanded tensor fails with torch's message, naming ${op}, and writes nothing`, () => {
      const x = tensor([1, 2, 3], { dtype: 'float64' });
      const e = x.expand([2, 3]);
      assert.throws(() => write(e), (err: unknown) => err instanceof AutogradError && err.message === `[${op}] unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.`);
      assert.deepStrictEqual(values(x), [1, 2, 3]);
      assert.strictEqual(x._version, 0);
    });
  }

  it('reading a huge expand charges the element budget (the row-major copy is allocated)', () => {
    const x = tensor([1, 2, 3], { dtype: 'float64' });
    assert.throws(() => withLimits({ maxElements: 1000 }, () => x.expand([10000, 3]).sum()),
      (e: unknown) => e instanceof BudgetError && e.requested === 30000 && /^\[view\] /.test(e.message));
  });
});
