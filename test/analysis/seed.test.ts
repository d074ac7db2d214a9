/** The seed (issue 3 "done means"): z2 = 0.8 with gradient 1, z1 = 4, z0 = 2 with gradient 0.2, x with 0.4. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, analyzeChecked, binding, near, scalar } from './helpers';

const SEED = fs.readFileSync(path.join(ROOT, 'examples', 'seed.ts'), 'utf8');

describe('analysis: the seed example', function () {
  this.timeout(20000);
  const trace = analyzeChecked(SEED);

  it('reports the values, gradients and grad functions PyTorch prints', () => {
    const expected: [string, number, number, string | null][] = [
      ['x', 1, 0.4, null],
      ['z0', 2, 0.2, 'MulBackward0'],
      ['z1', 4, 0.2, 'AddBackward0'],
      ['z2', 0.8, 1, 'DivBackward0'],
    ];
    assert.deepStrictEqual(trace.bindings.map((b) => b.name), expected.map((e) => e[0]));
    for (const [name, value, grad, gradFn] of expected) {
      const b = binding(trace, name);
      near(scalar(b.value), value, 1e-6, `${name} value`);
      near(scalar(b.grad), grad, 1e-6, `${name} grad`);
      assert.strictEqual(b.gradFn, gradFn);
    }
    assert.strictEqual(binding(trace, 'z2').value?.text, 'tensor(0.8000, grad_fn=<DivBackward0>)');
  });

  it('takes the target from the backward() call', () => {
    assert.strictEqual(trace.target, 'z2');
    assert.strictEqual(trace.targetLine, 8);
    assert.strictEqual(trace.targetKind, 'backward');
    assert.deepStrictEqual(trace.diagnostics, []);
  });

  it('records the backward loop in execution order with each gradient in and out', () => {
    const steps = trace.backwardSteps.map((s) => [s.gradFn, s.gradIn.map(scalar), s.gradsOut.map((g) => (g ? scalar(g) : null))]);
    const rounded = JSON.parse(JSON.stringify(steps, (_k, v) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v)));
    assert.deepStrictEqual(rounded, [
      ['DivBackward0', [1], [0.2, null]],
      ['AddBackward0', [0.2], [0.2, null]],
      ['MulBackward0', [0.2], [0.4, null]],
      ['AccumulateGrad', [0.4], []],
    ]);
    assert.deepStrictEqual(trace.backwardSteps.map((s) => s.line), [8, 7, 6, 5]);
  });

  it('builds the graph PyTorch draws: grad functions, AccumulateGrad and the leaf, with derivative labels', () => {
    const { nodes, edges } = trace.graph;
    const byId = new Map(nodes.map((n) => [n.id, n]));
    assert.deepStrictEqual(nodes.map((n) => n.label).sort(), ['AccumulateGrad', 'AddBackward0', 'DivBackward0', 'MulBackward0', 'x']);
    const chain = edges.map((e) => `${byId.get(e.from)?.label}->${byId.get(e.to)?.label}`).sort();
    assert.deepStrictEqual(chain, ['AccumulateGrad->MulBackward0', 'AddBackward0->DivBackward0', 'MulBackward0->AddBackward0', 'x->AccumulateGrad']);
    for (const e of edges) if (byId.get(e.to)?.kind === 'op') assert.ok(e.label, `edge into ${byId.get(e.to)?.label} has a derivative label`);
    const mul = nodes.find((n) => n.label === 'MulBackward0');
    assert.strictEqual(mul?.name, 'z0');
    near(scalar(mul?.grad ?? null), 0.2);
    assert.strictEqual(binding(trace, 'z0').nodeId, mul?.id);
  });

  it('captures console.log output with its line', () => {
    assert.deepStrictEqual(trace.logs.map((l) => [l.line, l.text]), [
      [11, 'tensor(0.4000)'], [12, 'DivBackward0'], [13, 'AddBackward0'], [14, 'MulBackward0'],
    ]);
  });
});
