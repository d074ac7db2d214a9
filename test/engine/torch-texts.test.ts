/**
 * PyTorch 1.13's error texts for the shape and argument mistakes users make most (torch-texts/expected.json,
 * written by torch-texts/expected.py with real PyTorch): each row makes the same call in the engine, whose
 * message must be `[op] ` and torch's text. And cross_entropy with class-probability targets.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { F, cat, ones, optim, tensor, mm, bmm, mv, dot, addmm, sub } from '../../engine/index';
import type { GradFn, Tensor } from '../../engine/index';

const ROOT = path.resolve(__dirname, '..', '..', '..');
interface Probs { value: number[]; grad: number[]; chain: string[] }
const EXPECTED = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'engine', 'torch-texts', 'expected.json'), 'utf8')) as {
  errors: Record<string, string>;
  cross_entropy_probs: Record<string, Probs>;
};

const o = (...shape: number[]): Tensor => ones(shape);

const CALLS: Record<string, () => unknown> = {
  'matmul 1-d by 1-d': () => o(3).matmul(o(4)),
  'matmul 2-d by 1-d': () => o(2, 3).matmul(o(4)),
  'matmul 1-d by 2-d': () => o(3).matmul(o(4, 2)),
  'matmul 2-d by 2-d': () => o(2, 3).matmul(o(2, 2)),
  'matmul 3-d by 2-d (rows folded)': () => o(5, 2, 3).matmul(o(4, 2)),
  'matmul 3-d by 1-d': () => o(5, 2, 3).matmul(o(4)),
  'matmul 1-d by 3-d': () => o(3).matmul(o(5, 4, 2)),
  'matmul 2-d by 3-d': () => o(2, 3).matmul(o(5, 4, 2)),
  'matmul batched': () => o(5, 2, 3).matmul(o(5, 4, 2)),
  'matmul batched, batch dims broadcast': () => o(4, 2, 3).matmul(o(5, 3, 2)),
  'mm': () => mm(o(2, 3), o(2, 2)),
  'bmm inner size': () => bmm(o(5, 2, 3), o(5, 4, 2)),
  'bmm batch size': () => bmm(o(5, 2, 3), o(4, 3, 2)),
  'mv': () => mv(o(2, 3), o(4)),
  'dot': () => dot(o(3), o(4)),
  'addmm': () => addmm(o(2, 2), o(2, 3), o(2, 2)),
  'linear 2-d': () => F.linear(o(2, 3), o(4, 5), o(4)),
  'linear 1-d': () => F.linear(o(3), o(4, 5)),
  'linear 3-d': () => F.linear(o(7, 2, 3), o(4, 5)),
  'cat sizes': () => cat([o(2, 3), o(2, 2)]),
  'cat sizes along dim 1': () => cat([o(2, 3), o(3, 3)], 1),
  'cat dims': () => cat([o(2, 3), o(3)]),
  'conv2d channels': () => F.conv2d(o(1, 2, 5, 5), o(4, 3, 3, 3)),
  'conv1d channels': () => F.conv1d(o(1, 2, 5), o(4, 3, 3)),
  'nll_loss batch': () => F.nllLoss(o(2, 3), tensor([0, 1, 2], { dtype: 'int64' })),
  'nll_loss float target': () => F.nllLoss(o(2, 3), tensor([0, 1])),
  'nll_loss int32 target': () => F.nllLoss(o(2, 3), tensor([0, 1], { dtype: 'int32' })),
  'nll_loss 1-d input': () => F.nllLoss(o(3), tensor([1], { dtype: 'int64' })),
  'cross_entropy batch before dtype': () => F.crossEntropy(o(2, 3), tensor([0, 1, 2])),
  'cross_entropy float target of another shape': () => F.crossEntropy(o(2, 3), tensor([0, 1])),
  'requires grad on int64': () => tensor([1, 2], { dtype: 'int64', requiresGrad: true }),
  'optimizer on a non-leaf': () => new optim.SGD([ones([2], { requiresGrad: true }).mul(2)], { lr: 0.1 }),
  'neg of a bool tensor': () => tensor([true, false]).neg(),
  'neg_ of a bool tensor': () => tensor([true, false]).neg_(),
  'sub of two bool tensors': () => tensor([true, false]).sub(tensor([false, false])),
  'sub of a bool tensor and a number': () => tensor([true, false]).sub(1),
  'number minus a bool tensor': () => sub(1, tensor([true, false])),
  'sub_ with a bool tensor': () => tensor([1, 2]).sub_(tensor([true, false])),
};

describe("engine errors in PyTorch 1.13's words", () => {
  it('every PyTorch row has a call here', () => {
    assert.deepStrictEqual(Object.keys(CALLS).sort(), Object.keys(EXPECTED.errors).sort());
  });
  for (const [name, call] of Object.entries(CALLS)) {
    it(name, () => {
      assert.throws(call, (e: unknown) => e instanceof Error && e.message.endsWith(`] ${EXPECTED.errors[name]}`),
        `expected "... ${EXPECTED.errors[name]}"`);
    });
  }

  it('backward({ retainGraph: true }): the options where the gradient goes are named, not a TypeError', () => {
    const loss = ones([2], { requiresGrad: true }).sum();
    assert.throws(() => loss.backward({ retainGraph: true } as unknown as Tensor),
      /\[backward\] argument 'gradient' must be a tensor or a number, got an object; pass the options second: backward\(undefined, \{ retainGraph: true \}\)$/);
  });
});

function chain(fn: GradFn | null): string[] {
  const names: string[] = [];
  for (let f = fn; f !== null; f = f.nextFunctions[0]?.[0] ?? null) names.push(f.name);
  return names;
}

describe('cross_entropy with class-probability targets (a floating target of the input\'s shape)', () => {
  const cases: [string, boolean, 'mean' | 'sum' | 'none'][] = [['mean', true, 'mean'], ['sum', true, 'sum'], ['none', true, 'none'], ['1-d mean', false, 'mean']];
  for (const [key, twoD, reduction] of cases) {
    it(`${key}: PyTorch's value, gradient and grad_fn chain`, () => {
      const want = EXPECTED.cross_entropy_probs[key];
      const x = tensor([[1, 2, 0.5], [0.1, 0.2, 3]], { requiresGrad: true });
      const t = tensor([[0.7, 0.2, 0.1], [0, 0.5, 0.5]]);
      const loss = twoD ? F.crossEntropy(x, t, { reduction }) : F.crossEntropy(x.select(0, 0), t.select(0, 0), { reduction });
      loss.sum().backward();
      assert.deepStrictEqual(chain(loss.gradFn), want.chain);
      for (const [got, exp, what] of [[Array.from(loss.dataSync()), want.value, 'value'], [Array.from(x.grad!.dataSync()), want.grad, 'grad']] as const) {
        assert.strictEqual(got.length, exp.length, what);
        exp.forEach((e, i) => assert.ok(Math.abs(got[i] - e) <= 1e-6 * Math.max(1, Math.abs(e)), `${what}[${i}]: ${got[i]} vs PyTorch ${e}`));
      }
    });
  }
});
