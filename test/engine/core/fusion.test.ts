/**
 * Deferred elementwise results (engine/lazy) behave exactly like eager ones: in-place writes after a
 * deferred op, version-counter errors, optimizers, printing, budgets, fallbacks, autograd entry points.
 */
import * as assert from 'assert';
import { autograd, BudgetError, fromFlat, noGrad, SGD, Adam, tensor, withLimits } from '../../../engine/index';
import type { Dtype, Tensor } from '../../../engine/index';
import { fusion } from '../../../engine/lazy/node';
import { isPending } from '../../../engine/lazy/materialise';

const N = 4096 + 4;
/** A deterministic, non-trivial leaf of N elements. */
function leaf(seed: number, dtype: Dtype = 'float64', requiresGrad = false): Tensor {
  const d = new Float64Array(N);
  for (let i = 0; i < N; i++) d[i] = Math.sin(seed * 7.3 + i * 0.37) * 1.7;
  return fromFlat(d, [N], { dtype, requiresGrad });
}
const pending = (t: Tensor): boolean => isPending(t);
/** Run `f` with fusion off: the eager reference. */
function eager<T>(f: () => T): T {
  const saved = fusion.minElements;
  fusion.minElements = Infinity;
  try {
    return f();
  } finally {
    fusion.minElements = saved;
  }
}
const bits = (t: Tensor): number[] => [...t.dataSync()];

describe('engine/lazy: deferred results and in-place writes', () => {
  const writes: [string, (x: Tensor) => void][] = [
    ['add_', (x) => x.add_(1)],
    ['mul_', (x) => x.mul_(x)],
    ['fill_', (x) => x.fill_(3)],
    ['zero_', (x) => x.zero_()],
    ['copy_', (x) => x.copy_(leaf(9))],
  ];
  for (const [name, write] of writes) {
    it(`${name} on an input after a deferred op: the op keeps the pre-write values`, () => {
      const x = leaf(1), y = leaf(2);
      const z = x.mul(y).add(1).tanh();
      assert.ok(pending(z));
      const expected = eager(() => leaf(1).mul(leaf(2)).add(1).tanh());
      write(x);
      assert.deepStrictEqual(bits(z), bits(expected));
    });
  }
  it('an in-place write to a materialised intermediate does not reach a consumer deferred before it', () => {
    const x = leaf(1);
    const t = x.exp(); // pending
    const u = t.mul(2); // pending, reads t
    void t.dataSync(); // t computed and stored
    t.mul_(0);
    assert.deepStrictEqual(bits(u), bits(eager(() => leaf(1).exp().mul(2))));
    assert.ok(bits(t).every((v) => v === 0));
  });
  it('an optimizer step after a deferred op on the parameter: the op sees the old parameter', () => {
    for (const make of [(p: Tensor) => new SGD([p], { lr: 0.1, momentum: 0.9 }), (p: Tensor) => new Adam([p], { lr: 0.1 })]) {
      const p = leaf(3, 'float64', true);
      p.tanh().mul(p).sum().backward();
      const before = noGrad(() => p.mul(2));
      assert.ok(pending(before));
      make(p).step();
      assert.deepStrictEqual(bits(before), bits(eager(() => leaf(3).mul(2))));
    }
  });
  it('training steps give the same parameters with fusion on and off', () => {
    const train = (): number[] => {
      const w = leaf(4, 'float32', true), x = leaf(5, 'float32');
      const opt = new SGD([w], { lr: 0.05, momentum: 0.5 });
      for (let i = 0; i < 4; i++) {
        opt.zeroGrad();
        w.mul(x).add(0.5).sigmoid().sub(x).pow(2).mean().backward();
        opt.step();
      }
      return bits(w);
    };
    assert.deepStrictEqual(train(), eager(train));
  });
  it('a saved deferred tensor modified in place raises the version-counter error, as eager', () => {
    const message = (): string => {
      const a = leaf(6, 'float64', true);
      const t = a.mul(2).tanh();
      const loss = t.mul(a).sum();
      noGrad(() => t.add_(1));
      try {
        loss.backward();
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    };
    const fused = message();
    assert.match(fused, /modified by an inplace operation/);
    assert.strictEqual(fused, eager(message));
  });
  it('gradients accumulate into an existing .grad over two backward calls', () => {
    const run = (): number[] => {
      const a = leaf(7, 'float64', true), b = leaf(8);
      for (let i = 0; i < 2; i++) a.mul(b).tanh().mul(a).sum().backward();
      return bits(a.grad!);
    };
    assert.deepStrictEqual(run(), eager(run));
  });
});

describe('engine/lazy: observable behaviour of deferred tensors', () => {
  it('prints like the eager tensor (values, grad_fn)', () => {
    const make = (): Tensor => leaf(1, 'float32', true).mul(leaf(2, 'float32')).tanh();
    const t = make();
    assert.ok(pending(t));
    assert.strictEqual(t.toString(), eager(make).toString());
    assert.strictEqual(t.gradFn!.name, 'TanhBackward0');
  });
  it('item() of a deferred sum and the loss computed with its gradients agree with eager', () => {
    const run = (): number[] => {
      const a = leaf(1, 'float64', true), b = leaf(2, 'float64', true), c = leaf(3, 'float64', true);
      const loss = a.mul(b).add(c).tanh().mul(a).sum();
      loss.backward();
      return [loss.item(), ...bits(a.grad!), ...bits(b.grad!), ...bits(c.grad!)];
    };
    const loss = leaf(1).mul(leaf(2)).sum();
    assert.ok(pending(loss) && loss.numel() === 1 && loss.shape.length === 0);
    assert.deepStrictEqual(run(), eager(run));
  });
  it('budgets are charged at the op, not when the values are computed', () => {
    const x = leaf(1);
    const ops = (): Tensor => x.mul(2).add(1).exp();
    const fail = (): string => {
      try {
        withLimits({ maxElements: 2 * N + 10 }, ops);
      } catch (e) {
        assert.ok(e instanceof BudgetError);
        return e.message;
      }
      return 'no error';
    };
    assert.match(fail(), /exp/);
    assert.strictEqual(fail(), eager(fail));
    const ok = withLimits({ maxElements: 3 * N }, ops);
    assert.ok(pending(ok));
  });
  it('falls back to the eager kernels for broadcasting, integer dtypes and small tensors', () => {
    const x = leaf(1);
    assert.ok(!pending(x.reshape(4, N / 4).add(tensor([1, 2, 3, 4], { dtype: 'float64' }).reshape(4, 1))));
    assert.ok(!pending(fromFlat(new Float64Array(N), [N], { dtype: 'int64' }).add(1)));
    assert.ok(!pending(tensor([1, 2, 3]).mul(2)));
    assert.ok(pending(x.mul(tensor(2, { dtype: 'float64' }))), 'a one-element tensor is read as a number');
  });
  it('the same fused loop is reused with other numbers and gives their values', () => {
    const x = leaf(1);
    for (const k of [2, -0.5, 3e10]) assert.deepStrictEqual(bits(x.mul(k).add(k).tanh()), bits(eager(() => x.mul(k).add(k).tanh())));
  });
  it('autograd.grad, retainGrad and onStep see the eager gradients', () => {
    const run = (): number[][] => {
      const a = leaf(1, 'float64', true), b = leaf(2, 'float64', true);
      const h = a.mul(b).sigmoid();
      h.retainGrad();
      const seen: number[][] = [];
      h.mul(a).sum().backward(undefined, { retainGraph: true, onStep: (s) => seen.push(...s.gradsIn.map(bits)) });
      const [ga] = autograd.grad(h.mul(b).mean(), [a]);
      return [bits(h.grad!), bits(a.grad!), bits(ga!), ...seen];
    };
    assert.deepStrictEqual(run(), eager(run));
  });
  it('a long chain of deferred ops stays bounded and exact', () => {
    const run = (): number[] => {
      let x = leaf(1, 'float32');
      for (let i = 0; i < 200; i++) x = x.mul(1.0001).add(0.5).tanh();
      return bits(x);
    };
    assert.deepStrictEqual(run(), eager(run));
  });
});

describe('engine/lazy: what a W1-shaped step computes and stores', () => {
  it('forward and backward store only the loss and the three gradients (the freed graph needs no saved tanh)', () => {
    const a = leaf(1, 'float64', true), b = leaf(2, 'float64', true), c = leaf(3, 'float64', true);
    const m = a.mul(b), u = m.add(c), t = u.tanh(), p = t.mul(a), loss = p.sum();
    assert.ok([m, u, t, p, loss].every(pending), 'nothing computed before it is needed');
    loss.backward();
    // one loop computed the loss and wrote the three gradients; t, saved by TanhBackward0 and
    // MulBackward0, stayed in registers: both nodes were freed before that loop ran
    assert.ok(!pending(loss));
    assert.ok(pending(m) && pending(u) && pending(t) && pending(p), 'a*b, a*b+c, tanh and t*a were never written out');
    assert.deepStrictEqual(bits(t), eager(() => bits(leaf(1).mul(leaf(2)).add(leaf(3)).tanh())), 'computed when read');
    assert.ok([a, b, c].every((l) => l._g !== null && l._g._deferred() === null && l._g._storage() !== null));
    const expected = eager(() => {
      const [x, y, z] = [leaf(1, 'float64', true), leaf(2, 'float64', true), leaf(3, 'float64', true)];
      const l = x.mul(y).add(z).tanh().mul(x).sum();
      l.backward();
      return [l.item(), ...[x, y, z].map((v) => bits(v.grad!))];
    });
    assert.deepStrictEqual([loss.item(), ...[a, b, c].map((l) => bits(l.grad!))], expected);
    // an intermediate never written out is still readable (computed when read, from the old inputs)
    assert.deepStrictEqual(bits(m), eager(() => bits(leaf(1).mul(leaf(2)))));
  });

  it('with retainGraph (or a loss read before backward) the saved tanh result is stored: backward reads it again', () => {
    const a = leaf(1, 'float64', true), b = leaf(2, 'float64', true), c = leaf(3, 'float64', true);
    const t = a.mul(b).add(c).tanh(), loss = t.mul(a).sum();
    loss.backward(undefined, { retainGraph: true });
    assert.ok(!pending(t), 'the graph still holds TanhBackward0');
    const a2 = leaf(1, 'float64', true), b2 = leaf(2, 'float64', true), c2 = leaf(3, 'float64', true);
    const t2 = a2.mul(b2).add(c2).tanh(), loss2 = t2.mul(a2).sum();
    void loss2.item();
    assert.ok(!pending(t2), 'computed for the loss while its graph still needs it');
    loss2.backward();
  });
});

describe('engine/lazy: gradient buffers recycled between steps', () => {
  /** One W1-style step; leaves' grads cleared first (as a training loop does), never read here. */
  const step = (a: Tensor, b: Tensor, c: Tensor): void => {
    for (const l of [a, b, c]) l.zeroGrad();
    a.mul(b).add(c).tanh().mul(a).sum().backward();
  };
  const leaves = (): Tensor[] => [leaf(1, 'float64', true), leaf(2, 'float64', true), leaf(3, 'float64', true)];
  it('unread gradients are reused by the next step, which gives the eager values', () => {
    const [a, b, c] = leaves();
    step(a, b, c);
    // internal fields: looking at the buffers without reading .grad (a read would keep them)
    const before = new Set([a, b, c].map((l) => l._g!._storage()));
    step(a, b, c);
    const after = [a, b, c].map((l) => l._g!._storage());
    // the step's three outputs (the gradients: tanh's result stays in registers) take the three freed buffers
    assert.strictEqual(after.filter((d) => before.has(d)).length, 3, 'the freed buffers are reused');
    const expected = eager(() => {
      const [x, y, z] = leaves();
      step(x, y, z);
      return [x, y, z].map((l) => bits(l.grad!));
    });
    assert.deepStrictEqual([a, b, c].map((l) => bits(l.grad!)), expected);
  });
  it('a steady loop of steps writes into the same three buffers (no fresh memory per step)', () => {
    const [a, b, c] = leaves();
    step(a, b, c);
    const seen = new Set<unknown>();
    for (let i = 0; i < 6; i++) {
      step(a, b, c);
      for (const l of [a, b, c]) seen.add(l._g!._storage());
    }
    assert.strictEqual(seen.size, 3, `${seen.size} distinct gradient buffers over six steps`);
  });
  it('a gradient that was read is never reused: it keeps its values', () => {
    const [a, b, c] = leaves();
    step(a, b, c);
    const held = a.grad!, copy = bits(held);
    step(a, b, c);
    a.mul(3).sub(b).exp().mul(c).sum().backward(); // other values into the pool's candidates
    assert.notStrictEqual(a._g!._storage(), held._storage());
    assert.deepStrictEqual(bits(held), copy);
  });
  it('gradients an onStep hook saw are never reused', () => {
    const [a, b, c] = leaves();
    a.mul(b).add(c).tanh().mul(a).sum().backward(undefined, { onStep: () => undefined });
    const seen = new Set([a, b, c].map((l) => l._g!._storage()));
    step(a, b, c);
    assert.ok([a, b, c].every((l) => !seen.has(l._g!._storage())));
  });
  it('an optimizer clearing unread gradients recycles them and trains exactly as eager', () => {
    const train = (): number[] => {
      const w = leaf(4, 'float32', true), x = leaf(5, 'float32');
      const opt = new SGD([w], { lr: 0.05 });
      for (let i = 0; i < 5; i++) {
        opt.zeroGrad();
        w.mul(x).tanh().sub(x).pow(2).mean().backward();
        opt.step();
      }
      return bits(w);
    };
    assert.deepStrictEqual(train(), eager(train));
  });
});
