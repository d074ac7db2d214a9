/**
 * optim.SGD / Adam / AdamW / RMSprop / Adagrad over four steps, and nn.utils' gradient clipping,
 * against real PyTorch 1.13 (test/engine/optim-steps/expected.py wrote expected.json): float64 runs
 * agree to 1e-12, float32 runs to float32's precision (torch rounds after each op, the engine once per
 * stored value).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { nn, optim, tensor, ArgumentError, type Tensor, type Dtype } from '../../engine/index';

const ROOT = path.resolve(__dirname, '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the fixture's JSON, read per case below
const FIX: Record<string, any> = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'engine', 'optim-steps', 'expected.json'), 'utf8'));

type Nested = number | Nested[];
type OptimizerName = 'SGD' | 'Adam' | 'AdamW' | 'RMSprop' | 'Adagrad';

function flat(v: Nested): number[] {
  return Array.isArray(v) ? v.flatMap(flat) : [v];
}

function assertClose(actual: Tensor | null | undefined, expected: Nested, what: string, rtol: number): void {
  assert.ok(actual, `${what}: no tensor`);
  const a = Array.from(actual.dataSync());
  const e = flat(expected);
  assert.strictEqual(a.length, e.length, `${what}: ${a.length} values, expected ${e.length}`);
  a.forEach((x, i) => assert.ok(Math.abs(x - e[i]) <= rtol * Math.max(1, Math.abs(e[i])), `${what}[${i}]: ${x} != ${e[i]}`));
}

/** The fixture's parameters and the loss sum(tanh(x @ w + b) * c) + 0.5 * sum(w²). */
function problem(dtype: Dtype): { w: Tensor; b: Tensor; u: Tensor; loss: () => Tensor } {
  const w = tensor(FIX.w0, { dtype, requiresGrad: true });
  const b = tensor(FIX.b0, { dtype, requiresGrad: true });
  const u = tensor([1.0, 2.0], { dtype, requiresGrad: true });
  const x = tensor(FIX.x, { dtype }), c = tensor(FIX.c, { dtype });
  return { w, b, u, loss: () => x.matmul(w).add(b).tanh().mul(c).sum().add(w.mul(w).sum().mul(0.5)) };
}

function make(name: OptimizerName, params: Tensor[], options: Record<string, unknown>): { step(): void; zeroGrad(): void } {
  const cls = optim[name] as unknown as new (p: Tensor[], o: Record<string, unknown>) => { step(): void; zeroGrad(): void };
  return new cls(params, options);
}

describe('optim: four steps of each optimizer equal PyTorch 1.13', () => {
  for (const run of FIX.runs as { optimizer: OptimizerName; options: Record<string, unknown>; dtype: Dtype; steps: { w: Nested; b: Nested; u: Nested }[] }[]) {
    it(`${run.optimizer} ${JSON.stringify(run.options)} (${run.dtype})`, () => {
      const { w, b, u, loss } = problem(run.dtype);
      const opt = make(run.optimizer, [w, b, u], run.options);
      const rtol = run.dtype === 'float64' ? 1e-12 : 2e-6;
      run.steps.forEach((expected, k) => {
        loss().backward();
        opt.step();
        opt.zeroGrad();
        assertClose(w, expected.w, `step ${k + 1} w`, rtol);
        assertClose(b, expected.b, `step ${k + 1} b`, rtol);
        assertClose(u, expected.u, `step ${k + 1} u (no gradient: unchanged)`, 0);
      });
    });
  }

  it('every optimizer class of the fixture is reachable as optim.<name>', () => {
    assert.deepStrictEqual(Object.keys(optim).sort(), ['Adagrad', 'Adam', 'AdamW', 'RMSprop', 'SGD']);
  });

  const BAD: [string, () => unknown, RegExp][] = [
    ['SGD nesterov without momentum', () => new optim.SGD([tensor([1.0], { requiresGrad: true })], { lr: 0.1, nesterov: true }), /\[SGD\] Nesterov momentum requires a momentum and zero dampening/],
    ['SGD without options', () => new (optim.SGD as unknown as new (p: Tensor[]) => unknown)([tensor([1.0], { requiresGrad: true })]), /\[SGD\] argument 'options' must be an object with lr/],
    ['Adam beta', () => new optim.Adam([tensor([1.0], { requiresGrad: true })], { betas: [1.0, 0.9] }), /\[Adam\] Invalid beta parameter at index 0: 1/],
    ['AdamW lr', () => new optim.AdamW([tensor([1.0], { requiresGrad: true })], { lr: -1 }), /\[AdamW\] Invalid learning rate: -1/],
    ['RMSprop alpha', () => new optim.RMSprop([tensor([1.0], { requiresGrad: true })], { alpha: -0.5 }), /\[RMSprop\] Invalid alpha value: -0.5/],
    ['Adagrad lrDecay', () => new optim.Adagrad([tensor([1.0], { requiresGrad: true })], { lrDecay: -1 }), /\[Adagrad\] Invalid lr_decay value: -1/],
    ['Adagrad maximize', () => new optim.Adagrad([tensor([1.0], { requiresGrad: true })], { maximize: 1 as never }), /\[Adagrad\] argument 'maximize' must be a boolean/],
    ['empty parameter list', () => new optim.RMSprop([]), /optimizer got an empty parameter list/],
    ['params not iterable', () => new optim.Adam(null as never), /\[optim\] argument 'params' must be an iterable of tensors, got null/],
  ];
  for (const [name, fn, message] of BAD) {
    it(`bad argument: ${name}`, () => assert.throws(fn, (e: Error) => e instanceof ArgumentError && message.test(e.message)));
  }

  it('an undefined option keeps its default (as an omitted one does)', () => {
    const p = tensor([1.0], { dtype: 'float64', requiresGrad: true });
    const opt = new optim.AdamW([p], { lr: undefined, weightDecay: undefined });
    assert.strictEqual(opt.options.lr, 1e-3);
    assert.strictEqual(opt.options.weightDecay, 1e-2);
  });
});

describe('nn.utils: clipGradNorm_ and clipGradValue_ equal PyTorch 1.13', () => {
  for (const c of FIX.clipNorm as { normType: number | 'inf'; maxNorm: number; total: number; gradW: Nested; gradB: Nested }[]) {
    it(`clipGradNorm_ normType ${c.normType}, maxNorm ${c.maxNorm}: total norm and the scaled gradients`, () => {
      const { w, b, u, loss } = problem('float64');
      loss().backward();
      const total = nn.utils.clipGradNorm_([w, b, u], c.maxNorm, { normType: c.normType });
      assertClose(total, c.total, 'total', 1e-12);
      assertClose(w.grad, c.gradW, 'dw', 1e-12);
      assertClose(b.grad, c.gradB, 'db', 1e-12);
      assert.strictEqual(u.grad, null);
    });
  }

  it('clipGradValue_ clamps each gradient element', () => {
    const c = FIX.clipValue;
    const { w, b, loss } = problem('float64');
    loss().backward();
    nn.utils.clipGradValue_([w, b], c.clipValue);
    assertClose(w.grad, c.gradW, 'dw', 0);
    assertClose(b.grad, c.gradB, 'db', 0);
  });

  it('no gradients: the total norm is tensor(0.); a non-finite norm throws only on request; bad arguments are named', () => {
    assert.strictEqual(nn.utils.clipGradNorm_([tensor([1.0], { requiresGrad: true })], 1).item(), 0);
    const p = tensor([1.0, 2.0], { requiresGrad: true });
    p.mul(tensor([Infinity, 1.0])).sum().backward();
    assert.throws(() => nn.utils.clipGradNorm_(p, 1, { errorIfNonfinite: true }), /\[clipGradNorm_\] The total norm of order 2 for gradients from `parameters` is non-finite/);
    assert.strictEqual(nn.utils.clipGradNorm_(p, 1).item(), Infinity);
    assert.throws(() => nn.utils.clipGradNorm_(5 as never, 1), /\[clipGradNorm_\] argument 'parameters' must be a tensor or an iterable of tensors, got number/);
    assert.throws(() => nn.utils.clipGradNorm_([p], 'a' as never), /\[clipGradNorm_\] argument 'maxNorm' must be a number/);
    assert.throws(() => nn.utils.clipGradValue_([p, 3 as never], 1), /\[clipGradValue_\] parameters\[1\] is not a tensor \(got number\)/);
  });
});
