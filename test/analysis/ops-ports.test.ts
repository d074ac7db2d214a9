/**
 * The ops ports reach for (issue 16), reached from an analysed file: `gradlens annotate`'s analyzer
 * evaluates test/analysis/ops-ports/sample.ts through the membrane, and every value, grad_fn name and
 * the leaf's gradient agree with PyTorch 1.13 (ops-ports/expected.json, written by expected.py).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, analyzeChecked, binding, errors } from './helpers';

const DIR = path.join(ROOT, 'test', 'analysis', 'ops-ports');

interface Expected {
  values: Record<string, number[]>;
  grad_fn: Record<string, string>;
  x_grad: number[];
}

/** float32 results compared with float32 torch: a few ulps of room for a different summation order. */
function close(actual: readonly unknown[] | undefined, expected: number[], what: string): void {
  assert.ok(actual !== undefined, `${what}: no data`);
  assert.strictEqual(actual.length, expected.length, `${what}: length`);
  expected.forEach((e, i) => {
    const a = Number(actual[i]);
    assert.ok(Math.abs(a - e) <= 1e-6 + 1e-6 * Math.abs(e), `${what}[${i}]: ${a} != ${e}`);
  });
}

describe('analysis: the ops ports reach for, from an analysed file, agree with PyTorch 1.13', () => {
  const expected = JSON.parse(fs.readFileSync(path.join(DIR, 'expected.json'), 'utf8')) as Expected;
  const trace = analyzeChecked(fs.readFileSync(path.join(DIR, 'sample.ts'), 'utf8'));

  it('runs without errors', () => assert.deepStrictEqual(errors(trace), []));

  for (const name of Object.keys(expected.values)) {
    it(`shows ${name} with PyTorch's value`, () => close(binding(trace, name).value?.data, expected.values[name], name));
  }
  for (const [name, fn] of Object.entries(expected.grad_fn)) {
    it(`records ${name} as ${fn}`, () => assert.strictEqual(binding(trace, name).gradFn, fn));
  }
  it('shows the leaf gradient PyTorch computes', () => close(binding(trace, 'x').grad?.data, expected.x_grad, 'x.grad'));
  it('shows the one-hot labels as int64', () => assert.strictEqual(binding(trace, 'labels').dtype, 'int64'));
});
