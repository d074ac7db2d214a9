/** autograd.Function beyond the torch oracle: the step hook, printing, grad mode, argument errors. */
import * as assert from 'assert';
import { autograd, fromFlat, noGrad } from '../../../engine/index';
import type { FunctionCtx, Tensor } from '../../../engine/index';
import { FUNCTIONS } from './functions';

const x = (): Tensor => fromFlat([0.5, -1.25, 2.0], [3], { dtype: 'float64', requiresGrad: true });

class NoBackward extends autograd.Function {
  static override forward(_ctx: FunctionCtx, t: Tensor): Tensor {
    return t.mul(2);
  }
}

class SavesNumber extends autograd.Function {
  static override forward(ctx: FunctionCtx, t: Tensor): Tensor {
    (ctx.saveForBackward as (...a: unknown[]) => void)(t, 3);
    return t;
  }
}

describe('autograd.Function: hooks, printing and errors', () => {
  it('onStep reports the Function node once per backward, also with several outputs', () => {
    const [a, b] = FUNCTIONS.SinCos.apply(x()) as Tensor[];
    const names: string[] = [];
    a.add(b).sum().backward(undefined, { onStep: (s) => names.push(s.node.name) });
    assert.deepStrictEqual(names, ['SumBackward0', 'AddBackward0', 'SinCosBackward', 'AccumulateGrad']);
  });

  it('prints grad_fn with the class name + Backward', () => {
    const y = FUNCTIONS.LegendrePolynomial3.apply(x()) as Tensor;
    assert.match(String(y), /grad_fn=<LegendrePolynomial3Backward>/);
    assert.strictEqual(String(y.gradFn), '<LegendrePolynomial3Backward>');
  });

  it('records nothing when no input requires grad or grad mode is off', () => {
    const plain = fromFlat([1, 2], [2], { dtype: 'float64' });
    assert.strictEqual((FUNCTIONS.Exp.apply(plain) as Tensor).gradFn, null);
    const y = noGrad(() => FUNCTIONS.Exp.apply(x()) as Tensor);
    assert.strictEqual(y.gradFn, null);
    assert.strictEqual(y.requiresGrad, false);
  });

  it('forward runs with grad mode off', () => {
    let inside: boolean | null = null;
    class Probe extends autograd.Function {
      static override forward(_ctx: FunctionCtx, t: Tensor): Tensor {
        inside = t.mul(2).requiresGrad;
        return t.mul(2);
      }
    }
    Probe.apply(x());
    assert.strictEqual(inside, false);
  });

  it('a class without backward raises torch\'s error naming it on backward', () => {
    const y = NoBackward.apply(x()) as Tensor;
    assert.throws(() => y.sum().backward(), /You must implement either the backward or vjp method/);
  });

  it('saveForBackward takes tensors only, and says which argument is not', () => {
    assert.throws(() => SavesNumber.apply(x()), /\[saveForBackward\] saveForBackward only accepts tensors \(argument 1 is number\)/);
  });
});
