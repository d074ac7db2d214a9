/**
 * The analyzer shows the grad_fn names the engine records: a first derivative of tanh taken with
 * createGraph is torch 1.13's TanhBackwardBackward0 (the backward kernel's own node), not the
 * primitives of its formula. The program and what torch produced are the oracle's case
 * second_order_tanh (test/fixtures/oracle/second-order.json), written as a file to annotate.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import { analyzeChecked, binding, errors } from './helpers';
import { fixturePath } from '../engine/oracle/fixtures';

interface Spec { shape: number[]; data: number[] }
interface OracleCase {
  id: string;
  inputs: Record<string, Spec>;
  expected: { values: Record<string, Spec>; grad_fn: Record<string, string | null> };
}

const FIXTURE = JSON.parse(fs.readFileSync(fixturePath('second-order.json'), 'utf8')) as { cases: OracleCase[] };
const CASE = FIXTURE.cases.find((c) => c.id === 'second_order_tanh')!;

/** Row-major data as a nested array literal of the given shape. */
function nested(data: readonly number[], shape: readonly number[]): string {
  if (shape.length === 0) return String(data[0]);
  const step = data.length / shape[0];
  return `[${Array.from({ length: shape[0] }, (_, i) => nested(data.slice(i * step, (i + 1) * step), shape.slice(1))).join(', ')}]`;
}
/** A float64 leaf with the case's input values. */
const literal = (name: string): string => `const ${name} = tensor(${nested(CASE.inputs[name].data, CASE.inputs[name].shape)}, { dtype: 'float64', requiresGrad: true });`;

// the oracle program: y = tanh(x), s = sum(y * w), d_x = grad(s, x, create_graph), dd_x = grad(sum(d_x), x)
const CODE = `import { tensor, autograd } from 'gradlens';
${literal('x')}
${literal('w')}
const y = x.tanh();
const s = y.mul(w).sum();
const [d_x] = autograd.grad([s], [x], { createGraph: true });
const h = d_x!.sum();
const [dd_x] = autograd.grad([h], [x]);
`;

const close = (actual: readonly unknown[], expected: readonly number[], what: string): void => {
  assert.strictEqual(actual.length, expected.length, what);
  expected.forEach((e, i) => assert.ok(Math.abs(Number(actual[i]) - e) <= 1e-12 + 1e-9 * Math.abs(e), `${what}[${i}]: ${String(actual[i])} vs torch ${e}`));
};

describe('analysis: second-order grad_fn names as PyTorch 1.13 records them', function () {
  this.timeout(30000);

  it('a first derivative of tanh taken with createGraph shows TanhBackwardBackward0, and the second derivative is torch\'s', () => {
    const trace = analyzeChecked(CODE);
    assert.deepStrictEqual(errors(trace), []);
    const first = binding(trace, 'd_x');
    assert.strictEqual(CASE.expected.grad_fn.d_x, 'TanhBackwardBackward0', 'the oracle records the kernel node');
    assert.strictEqual(first.gradFn, CASE.expected.grad_fn.d_x);
    assert.match(first.value!.text, /grad_fn=<TanhBackwardBackward0>/);
    close(first.value!.data, CASE.expected.values.d_x.data, 'd_x');
    close(binding(trace, 'dd_x').value!.data, CASE.expected.values.dd_x.data, 'dd_x');
  });
});
