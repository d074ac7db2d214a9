/**
 * Backward reuses gradient buffers it owns (in-place tanh/mul backward, in-place accumulation).
 * These check the cases where a buffer is shared and must NOT be overwritten, against closed forms.
 */
import * as assert from 'assert';
import { fromFlat, tensor, withLimits } from '../../../engine/index';
import type { Tensor } from '../../../engine/index';
import { assertClose } from './helpers';

const N = 5;
const va = [0.3, -0.7, 1.1, 0.05, -1.4], vb = [0.9, 0.2, -0.6, 1.3, -0.8], vc = [-0.1, 0.4, 0.25, -0.9, 0.6];
const leaf = (v: number[]): Tensor => fromFlat(Float64Array.from(v), [N], { dtype: 'float64', requiresGrad: true });

/** d/da, d/db, d/dc of sum(tanh(a*b + c) * a), by hand. */
function expected(): { ga: number[]; gb: number[]; gc: number[] } {
  const ga: number[] = [], gb: number[] = [], gc: number[] = [];
  for (let i = 0; i < N; i++) {
    const t = Math.tanh(va[i] * vb[i] + vc[i]);
    const d = va[i] * (1 - t * t); // d/d(a*b + c)
    ga.push(t + d * vb[i]);
    gb.push(d * va[i]);
    gc.push(d);
  }
  return { ga, gb, gc };
}

describe('engine/autograd: owned gradient buffers', () => {
  it('sum(tanh(a*b + c) * a): the gradient c shares with the mul is not overwritten; a accumulates both uses', () => {
    const [a, b, c] = [leaf(va), leaf(vb), leaf(vc)];
    a.mul(b).add(c).tanh().mul(a).sum().backward();
    const e = expected();
    assertClose(a.grad!, e.ga, [N], 1e-12, 1e-14);
    assertClose(b.grad!, e.gb, [N], 1e-12, 1e-14);
    assertClose(c.grad!, e.gc, [N], 1e-12, 1e-14);
    assert.notStrictEqual(a.grad!.dataSync(), c.grad!.dataSync());
    assert.notStrictEqual(b.grad!.dataSync(), c.grad!.dataSync());
  });

  it('a retained intermediate gradient keeps its value while backward continues', () => {
    const [a, b, c] = [leaf(va), leaf(vb), leaf(vc)];
    const t = a.mul(b).add(c).tanh();
    t.retainGrad();
    const u = t.mul(a);
    u.retainGrad();
    u.sum().backward();
    assertClose(u.grad!, va.map(() => 1), [N]);
    assertClose(t.grad!, va, [N], 1e-12, 1e-14);
    assertClose(c.grad!, expected().gc, [N], 1e-12, 1e-14);
  });

  it('gradients seen by onStep are the values that arrived (not later overwritten)', () => {
    const [a, b, c] = [leaf(va), leaf(vb), leaf(vc)];
    const seen: { name: string; gin: number[] }[] = [];
    a.mul(b).add(c).tanh().mul(a).sum().backward(undefined, { onStep: (s) => seen.push({ name: s.node.name, gin: [...s.gradsIn[0].dataSync()] }) });
    const tanhStep = seen.find((s) => s.name === 'TanhBackward0')!;
    assert.deepStrictEqual(tanhStep.gin, va); // grad of tanh's output = a
    const e = expected();
    assertClose(c.grad!, e.gc, [N], 1e-12, 1e-14);
    assertClose(a.grad!, e.ga, [N], 1e-12, 1e-14);
  });

  it('an existing .grad accumulates, and a user-given gradient is left untouched', () => {
    const [a, b, c] = [leaf(va), leaf(vb), leaf(vc)];
    const gOut = fromFlat(Float64Array.from([1, 2, 3, 4, 5]), [N], { dtype: 'float64' });
    const run = (): void => a.mul(b).add(c).tanh().mul(a).backward(gOut);
    run();
    run();
    assert.deepStrictEqual([...gOut.dataSync()], [1, 2, 3, 4, 5]);
    const e = expected();
    assertClose(c.grad!, e.gc.map((v, i) => 2 * v * (i + 1)), [N], 1e-12, 1e-14);
    assertClose(a.grad!, e.ga.map((v, i) => 2 * v * (i + 1)), [N], 1e-12, 1e-14);
  });

  it('x * x and x + x: both slots carry the same gradient object, summed without aliasing', () => {
    const x = leaf(va);
    x.mul(x).add(x.add(x)).tanh().sum().backward();
    const want = va.map((v) => { const t = Math.tanh(v * v + 2 * v); return (1 - t * t) * (2 * v + 2); });
    assertClose(x.grad!, want, [N], 1e-12, 1e-14);
    const s = tensor(2.0, { dtype: 'float64', requiresGrad: true });
    s.mul(s).backward();
    assert.strictEqual(s.grad!.item(), 4);
  });

  it('W1 fwd+bwd allocates 9 buffers of n (forward 4; backward: fill, mul x3, result² for tanh; 1 - result², grad * it and accumulation in place)', () => {
    const n = 1000;
    const mk = (k: number): Tensor => fromFlat(Float64Array.from({ length: n }, (_, i) => Math.sin(i * k)), [n], { dtype: 'float64', requiresGrad: true });
    const [a, b, c] = [mk(1), mk(2), mk(3)];
    // the budget counts every allocated element: 9n plus the scalar loss and its seed gradient
    const step = (): void => a.mul(b).add(c).tanh().mul(a).sum().backward();
    assert.throws(() => withLimits({ maxElements: 9 * n + 1 }, step), /element budget/);
    for (const l of [a, b, c]) l.grad = null;
    withLimits({ maxElements: 9 * n + 2 }, step);
    const t = Array.from({ length: n }, (_, i) => Math.tanh(a.dataSync()[i] * b.dataSync()[i] + c.dataSync()[i]));
    assertClose(a.grad!, t.map((v, i) => v + a.dataSync()[i] * (1 - v * v) * b.dataSync()[i]), [n], 1e-12, 1e-14);
    assertClose(c.grad!, t.map((v, i) => a.dataSync()[i] * (1 - v * v)), [n], 1e-12, 1e-14);
  });
});
