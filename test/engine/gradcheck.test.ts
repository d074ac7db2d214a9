import * as assert from 'assert';
import { autograd, ops } from '../../engine/index';
import type { FunctionCtx, OpName, Tensor } from '../../engine/index';
import { GRAD_SAMPLES, SECOND_ORDER } from './gradcheck/samples';
import { checkFirstOrder, checkSecondOrder, recordsOp } from './gradcheck/harness';
import type { Discrepancy, GradSample } from './gradcheck/harness';

const describeBad = (d: Discrepancy | null): string =>
  d === null ? '' : `input ${d.input} element ${d.element}: autograd ${d.analytic}, finite differences ${d.numeric}`;

describe('gradcheck: every op against central finite differences (float64, eps 1e-6, rtol 1e-6)', () => {
  for (const name of Object.keys(ops) as OpName[]) {
    it(name, () => {
      const sample = GRAD_SAMPLES[name];
      assert.ok(sample !== undefined, `no gradient-check sample for ops.${name} (give its table entry a domain, or add a sample)`);
      const y = sample.fn(sample.inputs());
      assert.strictEqual(y.dtype, 'float64');
      assert.ok(recordsOp(y, ops[name]), `the sample's graph records ${ops[name].name} (ops.${name})`);
      const bad = checkFirstOrder(sample);
      assert.strictEqual(bad, null, describeBad(bad));
    });
  }
});

describe('gradcheck: second derivatives via autograd.grad(createGraph) against finite differences', () => {
  for (const name of SECOND_ORDER) {
    it(name, () => {
      const bad = checkSecondOrder(GRAD_SAMPLES[name]!);
      assert.strictEqual(bad, null, describeBad(bad));
    });
  }
});

describe('gradcheck harness: catches a wrong derivative', () => {
  // sin with its derivative right, and off by a factor 2: only the second disagrees
  const sinWith = (factor: number): typeof autograd.Function => class SinFn extends autograd.Function {
    static override forward(ctx: FunctionCtx, x: Tensor): Tensor {
      ctx.saveForBackward(x);
      return x.sin();
    }
    static override backward(ctx: FunctionCtx, g: Tensor): Tensor {
      return g.mul(ctx.savedTensors[0].cos()).mul(factor);
    }
  };
  const sample = (factor: number): GradSample => ({ inputs: GRAD_SAMPLES.sin!.inputs, fn: (xs) => sinWith(factor).apply(xs[0]) as Tensor });

  it('passes a right backward and flags one off by a factor (first order)', () => {
    assert.strictEqual(checkFirstOrder(sample(1)), null);
    const bad = checkFirstOrder(sample(2));
    assert.ok(bad !== null && Math.abs(bad.analytic - 2 * bad.numeric) < 1e-6, describeBad(bad));
  });

  it('flags a backward whose own derivative is wrong (second order)', () => {
    // right values, but cos(x) detached: differentiating the gradient misses -sin(x)
    class SinDetached extends autograd.Function {
      static override forward(ctx: FunctionCtx, x: Tensor): Tensor {
        ctx.saveForBackward(x);
        return x.sin();
      }
      static override backward(ctx: FunctionCtx, g: Tensor): Tensor {
        const x = ctx.savedTensors[0];
        return g.mul(x.cos().detach().add(x.mul(0)));
      }
    }
    const detached: GradSample = { inputs: GRAD_SAMPLES.sin!.inputs, fn: (xs) => SinDetached.apply(xs[0]) as Tensor };
    assert.strictEqual(checkFirstOrder(detached), null);
    assert.strictEqual(checkSecondOrder(sample(1)), null);
    assert.notStrictEqual(checkSecondOrder(detached), null);
  });
});
