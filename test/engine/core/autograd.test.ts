import * as assert from 'assert';
import { tensor, autograd, noGrad, AutogradError, ShapeError, AccumulateGrad, isGradEnabled, sub, div, pow, add, cat, ones, addmm, where } from '../../../engine/index';
import type { BackwardStep } from '../../../engine/index';
import { assertClose, nextNames } from './helpers';

const f64 = { dtype: 'float64' as const, requiresGrad: true };

describe('engine/autograd: graph structure', () => {
  it('gives number operands a [null, 0] slot and reuses one AccumulateGrad per leaf', () => {
    const x = tensor([1, 2], f64);
    const y = x.mul(2);
    assert.deepStrictEqual(nextNames(y), ['AccumulateGrad', null]);
    assert.deepStrictEqual(y.gradFn!.nextFunctions[1], [null, 0]);
    const z = x.add(x);
    const [a] = z.gradFn!.nextFunctions[0];
    const [b] = z.gradFn!.nextFunctions[1];
    assert.ok(a instanceof AccumulateGrad && a === b && a === y.gradFn!.nextFunctions[0][0]);
    assert.strictEqual((a as AccumulateGrad).variable, x);
    assert.deepStrictEqual(a!.nextFunctions, []);
  });

  it('records torch names for number-on-the-left ops', () => {
    const x = tensor([2, 4], f64);
    const fsub = sub, fdiv = div, fpow = pow, fadd = add;
    assert.deepStrictEqual(nextNames(x.sub(1)), ['AccumulateGrad', null]);
    assert.strictEqual(fsub(1, x).gradFn!.name, 'RsubBackward1');
    assert.deepStrictEqual(nextNames(fsub(1, x)), ['AccumulateGrad']);
    const d = fdiv(1, x);
    assert.strictEqual(d.gradFn!.name, 'MulBackward0');
    assert.deepStrictEqual(nextNames(d), ['ReciprocalBackward0', null]);
    assertClose(d, [0.5, 0.25]);
    const p = fpow(2, x);
    assert.strictEqual(p.gradFn!.name, 'PowBackward1');
    assert.deepStrictEqual(nextNames(p), [null, 'AccumulateGrad']);
    assert.deepStrictEqual(nextNames(fadd(1, x)), ['AccumulateGrad', null]);
  });

  it('has unique increasing ids on tensors and grad functions', () => {
    const x = tensor(1, f64);
    const y = x.mul(3);
    const z = y.exp();
    assert.ok(y.id > x.id && z.id > y.id);
    assert.ok(z.gradFn!.id > y.gradFn!.id);
  });

  it('exposes one derivative formula per next_functions slot on every grad function', () => {
    const x = tensor([1], f64);
    const y = x.mul(x);
    assert.deepStrictEqual(y.gradFn!.formulas, ['grad * other', 'grad * self']);
    const c = cat([x, x, x]);
    assert.strictEqual(c.gradFn!.formulas.length, 3);
    const m = ones([2, 2], f64);
    const all = [y, c, x.exp(), sub(1, x), x.pow(2), pow(2, x), addmm(ones([2], f64), m, m), where(tensor([true]), x, 0), m.matmul(m), x.sum(), m.index([0, { start: 1 }])];
    for (const t of all) {
      assert.strictEqual(t.gradFn!.formulas.length, t.gradFn!.nextFunctions.length, t.gradFn!.name);
      for (const f of t.gradFn!.formulas) assert.ok(f.length > 0);
    }
  });
});

describe('engine/autograd: backward', () => {
  it('accumulates into .grad across calls; .grad is null until a gradient arrives; zeroGrad sets null', () => {
    const x = tensor([1, 2, 3], f64);
    const unused = tensor([1], f64);
    assert.strictEqual(x.grad, null);
    x.mul(x).sum().backward(); // 2x
    assertClose(x.grad!, [2, 4, 6]);
    x.mul(3).sum().backward(); // + 3
    assertClose(x.grad!, [5, 7, 9]);
    assert.strictEqual(unused.grad, null);
    x.zeroGrad();
    assert.strictEqual(x.grad, null);
  });

  it('never lets two .grad tensors, or a user gradient, share storage (gradients are taken without copies)', () => {
    const x = tensor([1, 2, 3], f64), y = tensor([[1, 1, 1]], f64);
    const h = x.unsqueeze(0).add(y); // AddBackward0 passes one gradient object to both sides
    h.retainGrad();
    const g = tensor([[1, 2, 3]], { dtype: 'float64' });
    h.backward(g, { retainGraph: true });
    h.backward(g);
    assertClose(x.grad!, [2, 4, 6]);
    assertClose(y.grad!, [2, 4, 6], [1, 3]);
    assertClose(h.grad!, [2, 4, 6], [1, 3]);
    assertClose(g, [1, 2, 3], [1, 3]);
    const leaf = tensor([5, 6], f64);
    const gl = tensor([1, 1], { dtype: 'float64' });
    leaf.backward(gl);
    leaf.backward(gl);
    assertClose(leaf.grad!, [2, 2]);
    assertClose(gl, [1, 1], [2]);
  });

  it('refuses an implicit gradient for a non-scalar output', () => {
    const x = tensor([1, 2], f64);
    assert.throws(() => x.mul(2).backward(), (e: unknown) => e instanceof AutogradError && /grad can be implicitly created only for scalar outputs/.test(e.message));
  });

  it('checks an explicit gradient\'s shape', () => {
    const x = tensor([1, 2], f64);
    assert.throws(() => x.mul(2).backward(tensor([1, 2, 3])), ShapeError);
    const y = x.mul(x);
    y.backward(tensor([1, 10], { dtype: 'float64' }));
    assertClose(x.grad!, [2, 40]);
  });

  it('throws torch\'s error on a second backward through freed buffers, and retainGraph allows it', () => {
    const x = tensor([1, 2], f64);
    const y = x.mul(x).sum();
    y.backward();
    assert.throws(() => y.backward(), /Trying to backward through the graph a second time \(or directly access saved tensors after they have already been freed\)/);
    const z = x.mul(x).sum();
    x.zeroGrad();
    z.backward(undefined, { retainGraph: true });
    z.backward();
    assertClose(x.grad!, [4, 8]);
  });

  it('lets a graph without saved tensors run twice (torch frees only saved tensors)', () => {
    const x = tensor([1, 2], f64);
    const y = x.add(1).sum();
    y.backward();
    y.backward();
    assertClose(x.grad!, [2, 2]);
  });

  it('retainGrad keeps a non-leaf gradient; detach and noGrad cut the graph', () => {
    const x = tensor([1, -2], f64);
    const h = x.mul(3);
    h.retainGrad();
    const d = h.detach();
    assert.strictEqual(d.requiresGrad, false);
    assert.strictEqual(d.gradFn, null);
    const c = noGrad(() => x.mul(5));
    assert.strictEqual(c.requiresGrad, false);
    assert.ok(isGradEnabled());
    h.tanh().add(d).add(c).sum().backward();
    const t = [Math.tanh(3), Math.tanh(-6)];
    assertClose(h.grad!, t.map((v) => 1 - v * v), [2], 1e-12, 1e-15);
    assertClose(x.grad!, t.map((v) => 3 * (1 - v * v)), [2], 1e-12, 1e-15);
  });

  it('reports each executed grad function to onStep in execution order', () => {
    const x = tensor(1.0, f64);
    const z2 = x.mul(2).add(2).div(5);
    const steps: BackwardStep[] = [];
    z2.backward(undefined, { onStep: (s) => steps.push(s) });
    assert.deepStrictEqual(steps.map((s) => s.node.name), ['DivBackward0', 'AddBackward0', 'MulBackward0', 'AccumulateGrad']);
    assertClose(steps[0].gradsIn[0], [1]);
    assertClose(steps[0].gradsOut[0]!, [0.2]);
    assert.strictEqual(steps[0].gradsOut[1], null);
    assertClose(steps[3].gradsIn[0], [0.4]);
  });

  it('runs a diamond only once every gradient has arrived (dependency counting)', () => {
    const x = tensor([0.5], f64);
    const a = x.exp();
    const e = a.mul(2).mul(a.sin()).add(a);
    const order: string[] = [];
    e.backward(tensor([1], { dtype: 'float64' }), { onStep: (s) => order.push(s.node.name) });
    assert.strictEqual(order.filter((n) => n === 'ExpBackward0').length, 1);
    const av = Math.exp(0.5);
    // de/da = 2 sin a + 2a cos a + 1; da/dx = a
    assertClose(x.grad!, [(2 * Math.sin(av) + 2 * av * Math.cos(av) + 1) * av], [1], 1e-12);
  });

  it('gradFn.apply returns one gradient per next_functions slot (the seed cells 7-10)', () => {
    const x = tensor(1.0, { requiresGrad: true });
    const z0 = x.mul(2), z1 = z0.add(2), z2 = z1.div(5);
    const g = tensor(1.0);
    const r = z2.gradFn!.apply(g);
    assert.strictEqual(r.length, 2);
    assert.strictEqual(r[1], null);
    assert.strictEqual(r[0]!.toString(), 'tensor(0.2000)');
    assert.strictEqual(z1.gradFn!.apply(g)[0]!.toString(), 'tensor(1.)');
    assert.strictEqual(z0.gradFn!.apply(g)[0]!.toString(), 'tensor(2.)');
    const chained = z0.gradFn!.apply(z1.gradFn!.apply(z2.gradFn!.apply(g)[0]!)[0]!)[0]!;
    assert.strictEqual(chained.toString(), 'tensor(0.4000)');
  });
});

describe('engine/autograd: autograd.grad and higher order', () => {
  it('d²(x³)/dx² = 6x and d³/dx³ = 6 with createGraph', () => {
    const x = tensor(1.5, f64);
    const y = x.pow(3);
    const [dx] = autograd.grad(y, x, { createGraph: true });
    assertClose(dx!, [3 * 1.5 * 1.5], [], 1e-12);
    const [d2] = autograd.grad(dx!, x, { createGraph: true });
    assertClose(d2!, [6 * 1.5], [], 1e-12);
    const [d3] = autograd.grad(d2!, x);
    assertClose(d3!, [6], [], 1e-12);
    assert.strictEqual(x.grad, null, 'autograd.grad does not write .grad');
  });

  it('second derivative of sin(x)·x is 2cos(x) - x sin(x)', () => {
    const x = tensor([0.3, -1.2], f64);
    const [g] = autograd.grad(x.sin().mul(x).sum(), [x], { createGraph: true });
    assert.strictEqual(g!.gradFn!.name, 'AddBackward0');
    g!.sum().backward();
    assertClose(x.grad!, [0.3, -1.2].map((v) => 2 * Math.cos(v) - v * Math.sin(v)), [2], 1e-12);
  });

  it('without createGraph the result has no graph; unused inputs are an error unless allowUnused', () => {
    const x = tensor([1, 2], f64), u = tensor([1], f64);
    const [g] = autograd.grad(x.exp().sum(), x);
    assert.strictEqual(g!.requiresGrad, false);
    assertClose(g!, [Math.E, Math.exp(2)], [2], 1e-12);
    assert.throws(() => autograd.grad(x.mul(2).sum(), [x, u]), /appears to not have been used in the graph/);
    const r = autograd.grad(x.mul(2).sum(), [x, u], { allowUnused: true });
    assert.strictEqual(r[1], null);
  });

  it('computes the gradient w.r.t. a non-leaf input', () => {
    const x = tensor([1, 2], f64);
    const h = x.mul(3);
    const [gh] = autograd.grad(h.mul(h).sum(), h);
    assertClose(gh!, [6, 12]);
  });
});
