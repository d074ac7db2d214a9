/** autograd.gradcheck's report: what a failure says, options, and what it leaves untouched. */
import * as assert from 'assert';
import { GradcheckError, autograd, fromFlat, jacobianMismatch } from '../../../engine/index';
import type { Tensor } from '../../../engine/index';
import { GRADCHECK_FNS } from './gradcheck-functions';

const x = (): Tensor => fromFlat([0.5, -1.25, 2.0], [3], { dtype: 'float64', requiresGrad: true });
const wrong = GRADCHECK_FNS.LegendreWrong;

describe('autograd.gradcheck: the failure report', () => {
  it('names the input, the element and both values (Jacobian row = input element)', () => {
    let err: unknown = null;
    try {
      autograd.gradcheck(wrong, [x()]);
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof GradcheckError);
    const m = err.mismatch!;
    // P3'(0.5) = 1.5 (5/4 - 1) = 0.375; the wrong backward gives 1.5 (5/4 - 2) = -1.125
    assert.deepStrictEqual([m.output, m.input, m.inputElement, m.outputElement, m.analytical], [0, 0, 0, 0, -1.125]);
    assert.ok(Math.abs(m.numerical - 0.375) < 1e-8);
    assert.match(err.message, /numerical:tensor\(\[\[ 0\.3750,/);
    assert.match(err.message, /analytical:tensor\(\[\[-1\.1250,/);
    assert.match(err.message, /first mismatch: input 0 element 0, output 0 element 0: analytical -1\.125/);
  });

  it('jacobianMismatch returns the numbers without raising, null when right', () => {
    assert.strictEqual(jacobianMismatch(GRADCHECK_FNS.LegendrePolynomial3, [x()]), null);
    assert.strictEqual(jacobianMismatch(wrong, [x()])?.inputElement, 0);
  });

  it('leaves the inputs as they were (values and version)', () => {
    const t = x();
    const v = t._version;
    autograd.gradcheck(wrong, [t], { raiseException: false });
    assert.deepStrictEqual(Array.from(t.dataSync()), [0.5, -1.25, 2.0]);
    assert.strictEqual(t._version, v);
  });

  it('raiseException false returns false only for a failed check; other errors still raise', () => {
    assert.strictEqual(autograd.gradcheck(wrong, [x()], { raiseException: false }), false);
    assert.throws(() => autograd.gradcheck((t: Tensor) => t.view(5), [x()], { raiseException: false }), /\[view\]/);
  });

  it('rejects bad options and a function that returns no tensor, naming them', () => {
    assert.throws(() => autograd.gradcheck(wrong, [x()], { eps: -1 }), /\[gradcheck\] eps must be a non-negative number, got -1/);
    assert.throws(() => autograd.gradcheck(() => 3, [x()]), /\[gradcheck\] the function must return a tensor or a list of tensors \(output 0 is number\)/);
    assert.throws(() => autograd.gradcheck(3 as never, [x()]), /\[gradcheck\] fn must be a function, got number/);
  });

  it('gradgradcheck takes explicit gradient outputs', () => {
    const go = fromFlat([1, -1, 0.5], [3], { dtype: 'float64', requiresGrad: true });
    assert.strictEqual(autograd.gradgradcheck(GRADCHECK_FNS.LegendrePolynomial3, [x()], { gradOutputs: go }), true);
    assert.strictEqual(autograd.gradgradcheck(GRADCHECK_FNS.LegendreDetached, [x()], { gradOutputs: [go], raiseException: false }), false);
  });
});
