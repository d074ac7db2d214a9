/** The graph of the target (docs/trace.md): PyTorch's shape, groups per loop iteration and call, the node cap. */
import * as assert from 'assert';
import { analyzeChecked, binding, near, scalar } from './helpers';

const H = `import { tensor, ones } from 'gradlens';\n`;

describe('analysis: graph', function () {
  this.timeout(20000);
  it('mirrors next_functions: a constant operand has no edge, a leaf feeds AccumulateGrad', () => {
    const trace = analyzeChecked(`${H}const a = tensor(3.0, { requiresGrad: true });\nconst c = tensor(2.0);\nconst y = a.mul(c).add(a);\ny.backward();\n`);
    const { nodes, edges } = trace.graph;
    assert.deepStrictEqual(nodes.map((n) => n.kind).sort(), ['accumulate', 'leaf', 'op', 'op']);
    const acc = nodes.find((n) => n.kind === 'accumulate');
    const leaf = nodes.find((n) => n.kind === 'leaf');
    assert.strictEqual(acc?.leafId, leaf?.id);
    assert.strictEqual(leaf?.bindingId, binding(trace, 'a').id);
    near(scalar(leaf?.grad ?? null), 3); // d(a*c + a)/da = c + 1
    // AccumulateGrad feeds both ops: into Mul (slot 0) and Add (slot 1); c needs no gradient, so no edge.
    const into = edges.filter((e) => e.from === acc?.id).map((e) => [nodes.find((n) => n.id === e.to)?.label, e.index]).sort();
    assert.deepStrictEqual(into, [['AddBackward0', 1], ['MulBackward0', 0]]);
    const mulToAdd = edges.find((e) => nodes.find((n) => n.id === e.from)?.label === 'MulBackward0');
    near(scalar(mulToAdd?.grad ?? null), 1, 1e-9, 'gradient along the Mul → Add edge');
  });

  it('a parameter updated after the last backward: the graph shows its value as of that backward, the binding its final value', () => {
    // Expected numbers from PyTorch 1.13: three steps of w -= 0.1 * d/dw (2w - 3)^2 from w = 0.
    const trace = analyzeChecked(`import { tensor, noGrad } from 'gradlens';
const w = tensor(0.0, { requiresGrad: true });
for (let i = 0; i < 3; i++) {
  const loss = w.mul(2).sub(3).pow(2);
  w.grad?.zero_();
  loss.backward();
  noGrad(() => w.sub_(w.grad!.mul(0.1)));
}
`);
    const leaf = trace.graph.nodes.find((n) => n.kind === 'leaf' && n.name === 'w');
    near(scalar(leaf?.value ?? null), 1.440000057220459, 1e-6, 'w in the graph of the last backward');
    const w = binding(trace, 'w', 2);
    near(scalar(w.value), 0, 0, 'w at its declaration');
    near(scalar(w.finalValue ?? null), 1.4880000352859497, 1e-6, 'w at the end of the file');
    near(scalar(w.grad), -0.4799995422363281, 1e-5, 'w.grad');
  });

  it('without backward() or a target, the forward graph is drawn without gradients', () => {
    const trace = analyzeChecked(`${H}const a = tensor(3.0, { requiresGrad: true });\nconst y = a.mul(2);\n`);
    assert.deepStrictEqual(trace.graph.nodes.map((n) => n.label).sort(), ['AccumulateGrad', 'MulBackward0', 'a']);
    assert.ok(trace.graph.nodes.every((n) => n.grad === null || n.grad === undefined), JSON.stringify(trace.graph.nodes));
  });

  it('groups nodes by loop iteration and function call', () => {
    const trace = analyzeChecked(`${H}function layer(x: any) { return x.mul(2); }\nlet h = tensor(1.0, { requiresGrad: true });\nfor (let i = 0; i < 3; i++) {\n  h = layer(h);\n}\nh.backward();\n`);
    const { nodes, groups } = trace.graph;
    const muls = nodes.filter((n) => n.label === 'MulBackward0');
    assert.strictEqual(muls.length, 3);
    const callGroups = muls.map((n) => groups.find((g) => g.id === n.group));
    assert.ok(callGroups.every((g) => g?.kind === 'call' && g.label === 'layer()'), JSON.stringify(groups));
    const loopLabels = callGroups.map((g) => groups.find((p) => p.id === g?.parent)?.label).sort();
    assert.deepStrictEqual(loopLabels, ['iteration 1', 'iteration 2', 'iteration 3']);
  });

  it('is cut at maxGraphNodes, keeping the nodes nearest the target', () => {
    const code = `${H}let h = ones([1], { requiresGrad: true });\nfor (let i = 0; i < 50; i++) h = h.mul(1.01);\nconst out = h.sum();\nout.backward();\n`;
    const full = analyzeChecked(code);
    const cut = analyzeChecked(code, { maxGraphNodes: 10 });
    assert.strictEqual(full.graph.truncated, undefined);
    assert.strictEqual(full.graph.nodes.length, 53);
    assert.strictEqual(cut.graph.truncated, true);
    assert.strictEqual(cut.graph.nodes.length, 10);
    assert.strictEqual(cut.graph.nodes[0].label, 'SumBackward0');
    const ids = new Set(cut.graph.nodes.map((n) => n.id));
    assert.ok(cut.graph.edges.every((e) => ids.has(e.from) && ids.has(e.to)));
    assert.strictEqual(cut.backwardSteps.length, full.backwardSteps.length, 'the steps are not cut');
  });
});
