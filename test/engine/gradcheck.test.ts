import * as assert from 'assert';
import { ops } from '../../engine/index';
import type { OpName } from '../../engine/index';
import { GRAD_SAMPLES, SECOND_ORDER } from './gradcheck/samples';
import { checkFirstOrder, checkSecondOrder, recordsOp } from './gradcheck/harness';
import type { Discrepancy } from './gradcheck/harness';

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
  it('flags an op whose backward is off by a factor', () => {
    // sin's gradient checked against the finite differences of 2*sin: must disagree
    const sample = GRAD_SAMPLES.sin!;
    let calls = 0;
    const wrong = { inputs: sample.inputs, fn: (xs: Parameters<typeof sample.fn>[0]) => (calls++ === 0 ? sample.fn(xs) : sample.fn(xs).mul(2)) };
    assert.notStrictEqual(checkFirstOrder(wrong), null);
  });
});
