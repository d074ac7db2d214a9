import * as assert from 'assert';
import { exactExponential, exactFixed, formatExponential, formatFixed } from '../../engine/print-decimal';

/** Python 3's '{:.4f}', '{:.4e}' and '{:.0f}' of each value (exact ties round half to even). */
const PYTHON: ReadonlyArray<readonly [number, string, string, string]> = [
  [0.03125, '0.0312', '3.1250e-02', '0'],
  [0.09375, '0.0938', '9.3750e-02', '0'],
  [2.5, '2.5000', '2.5000e+00', '2'],
  [3.5, '3.5000', '3.5000e+00', '4'],
  [-5e-5, '-0.0001', '-5.0000e-05', '-0'],
  [1.00005, '1.0001', '1.0001e+00', '1'],
  [0.00015, '0.0001', '1.5000e-04', '0'],
  [123456.78125, '123456.7812', '1.2346e+05', '123457'],
  [9.99995, '10.0000', '1.0000e+01', '10'],
  [99999.5, '99999.5000', '1.0000e+05', '100000'],
  [1e-320, '0.0000', '9.9999e-321', '0'],
  [5e-324, '0.0000', '4.9407e-324', '0'],
  [0.1, '0.1000', '1.0000e-01', '0'],
  [-0, '-0.0000', '-0.0000e+00', '-0'],
  [0, '0.0000', '0.0000e+00', '0'],
  [1e22, '10000000000000000000000.0000', '1.0000e+22', '10000000000000000000000'],
  [2.5e-5, '0.0000', '2.5000e-05', '0'],
  [6.103515625e-5, '0.0001', '6.1035e-05', '0'],
];

describe('print-decimal: Python float formatting', () => {
  for (const [x, f4, e4, f0] of PYTHON) {
    it(`${x}: ${f4} / ${e4} / ${f0}`, () => {
      assert.strictEqual(formatFixed(x, 4), f4);
      assert.strictEqual(formatExponential(x, 4), e4);
      assert.strictEqual(formatFixed(x, 0), f0);
    });
  }

  it('the fast path (JS formatting away from ties) agrees with exact arithmetic on 20,000 values', () => {
    let s = 12345;
    const next = (): number => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return s / 2 ** 32;
    };
    for (let i = 0; i < 20000; i++) {
      // random magnitudes from 1e-12 to 1e12, plus dyadic values that sit exactly on ties
      const x = i % 4 === 0 ? Math.round(next() * 2 ** 20) / 2 ** (5 + (i % 13)) : (next() - 0.5) * 10 ** Math.floor(next() * 24 - 12);
      assert.strictEqual(formatFixed(x, 4), exactFixed(x, 4), `fixed ${x}`);
      assert.strictEqual(formatExponential(x, 4), exactExponential(x, 4), `exp ${x}`);
    }
  });
});
