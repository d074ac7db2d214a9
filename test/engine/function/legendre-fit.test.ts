/**
 * PyTorch's custom-Function tutorial, small (100 points x 50 steps, float32): LegendrePolynomial3
 * fitting sin(x) by plain gradient descent, against torch 1.13
 * (test/fixtures/oracle/custom/legendre-fit.json, made by generate/legendre_fit.py).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { full, linspace, noGrad } from '../../../engine/index';
import type { Tensor } from '../../../engine/index';
import { FIXTURE_DIR } from '../oracle/fixtures';
import { FUNCTIONS } from './functions';

interface Fit { points: number; steps: number; lr: number; grad_fn: string; losses: number[]; params: number[]; last_grads: number[] }
const want = JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, 'custom', 'legendre-fit.json'), 'utf8')) as Fit;

/**
 * float32 agreement: the engine rounds each op to float32 as torch does, but sums 100 terms in
 * another order, so sums differ by float32 rounding: relative 2e-5, and absolute 1e-6 where the
 * exact value is 0 (a's and c's gradients sum symmetric terms: the engine gets 0, torch 6e-7).
 */
function close(got: number, exp: number, what: string): void {
  assert.ok(Math.abs(got - exp) <= 1e-6 + 2e-5 * Math.abs(exp), `${what}: ${got} vs torch ${exp}`);
}

describe('autograd.Function: the LegendrePolynomial3 tutorial against torch (100 points x 50 steps)', () => {
  it('gives torch\'s losses, parameters and gradients', () => {
    const x = linspace(-Math.PI, Math.PI, want.points);
    const y = x.sin();
    const params = [0, -1, 0, 0.3].map((v) => full([], v, { requiresGrad: true }));
    const [a, b, c, d] = params;
    const losses: number[] = [];
    let names = '';
    let grads: number[] = [];
    for (let step = 0; step < want.steps; step++) {
      const p3 = FUNCTIONS.LegendrePolynomial3.apply(c.add(d.mul(x))) as Tensor;
      names = p3.gradFn!.name;
      const loss = a.add(b.mul(p3)).sub(y).pow(2).sum();
      losses.push(loss.item());
      loss.backward();
      grads = params.map((t) => t.grad!.item());
      noGrad(() => {
        for (const t of params) {
          t.sub_(t.grad!.mul(want.lr));
          t.grad = null;
        }
      });
    }
    assert.strictEqual(names, want.grad_fn);
    losses.forEach((l, i) => close(l, want.losses[i], `loss at step ${i}`));
    params.forEach((t, i) => close(t.item(), want.params[i], `parameter ${'abcd'[i]}`));
    grads.forEach((g, i) => close(g, want.last_grads[i], `last gradient of ${'abcd'[i]}`));
  });
});
