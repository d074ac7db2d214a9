/**
 * Names that follow the model (issue 15, item 3): graph leaves of parameters carry their module path
 * (`linear1.weight`, never a bare "leaf"), and a binding inside a method that ran again after the
 * target's backward (an evaluation under noGrad) shows the run that backward belongs to.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, analyzeChecked, binding } from './helpers';
import type { GraphNode, Trace } from '../../extension/analysis/trace';
import { runProbed } from './unknowns/real-run';

const H = `import { nn, tensor, noGrad, type Tensor } from 'gradlens';\n`;

function leaves(trace: Trace): GraphNode[] {
  return trace.graph.nodes.filter((n) => n.kind === 'leaf');
}

describe('analysis: parameters named by module path', () => {
  it('the tutorial port: every parameter leaf is named as namedParameters() names it, with PyTorch\'s value and gradient', () => {
    const expected = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'analysis', 'tutorials', 'expected.json'), 'utf8'))['custom-module.ts'];
    // the graph draws the last backward: each parameter as that backward saw it (before the last step)
    const atBackward = new Map(expected.parametersAtLastBackward as [string, number[][]][]);
    const trace = analyzeChecked(fs.readFileSync(path.join(ROOT, 'examples', 'custom-module.ts'), 'utf8'));
    const byName = new Map(leaves(trace).map((n) => [n.label, n]));
    assert.deepStrictEqual([...byName.keys()].sort(), ['linear1.bias', 'linear1.weight', 'linear2.bias', 'linear2.weight']);
    for (const [name, value, grad] of expected.parameters as [string, number[][], number[][]][]) {
      const node = byName.get(name)!;
      assert.strictEqual(node.name, name);
      const close = (a: readonly unknown[], e: number[], what: string): void => e.forEach((x, i) => assert.ok(Math.abs(Number(a[i]) - x) <= 1e-6 + 1e-5 * Math.abs(x), `${name} ${what}[${i}]`));
      close(node.value!.data, atBackward.get(name)!.flat(), 'value as of the backward drawn');
      assert.notDeepStrictEqual(atBackward.get(name), value, 'the last step changed it (so the test tells the two apart)');
      close(node.grad!.data, grad.flat(), 'grad');
    }
  });

  it('names nested modules, Sequential children and file-class parameters; several models are told apart by their variables', () => {
    const code = H + `class Block extends nn.Module { scale = nn.Parameter(tensor([1.0, 2.0])); proj = new nn.Sequential(new nn.Linear(2, 2), new nn.Tanh()); 
  override forward(x: Tensor) { return this.proj.forward(x.mul(this.scale)); } }
class Net extends nn.Module { block = new Block(); head = new nn.Linear(2, 1); override forward(x: Tensor) { return this.head.forward(this.block.forward(x)); } }
const model = new Net();
const other = new nn.Linear(1, 1);
const loss = other.forward(model.forward(tensor([[1.0, -1.0]]))).sum();
loss.backward();
`;
    const trace = analyzeChecked(code);
    const names = leaves(trace).map((n) => n.label).sort();
    assert.deepStrictEqual(names, ['model.block.proj.0.bias', 'model.block.proj.0.weight', 'model.block.scale', 'model.head.bias', 'model.head.weight', 'other.bias', 'other.weight']);
    assert.ok(!names.includes('leaf'));
  });
});

describe('analysis: a method\'s bindings show the run the target\'s backward belongs to', function () {
  this.timeout(30000);
  const code = H + `class MLP extends nn.Module {
  l1 = new nn.Linear(2, 3);
  l2 = new nn.Linear(3, 1);
  override forward(x: Tensor): Tensor {
    const hidden = this.l1.forward(x).relu();
    return this.l2.forward(hidden);
  }
}
const model = new MLP();
const loss = model.forward(tensor([[1.0, 2.0]])).sum();
loss.backward();
const evaluation = noGrad(() => model.forward(tensor([[5.0, -5.0]])));
console.log(evaluation.item().toFixed(4));
`;

  it('shows the training run of `hidden` with its gradient, not the later evaluation under noGrad', () => {
    const trace = analyzeChecked(code);
    const hidden = binding(trace, 'hidden');
    assert.strictEqual(hidden.iterations, 2);
    assert.strictEqual(hidden.shownIteration, 1);
    assert.strictEqual(hidden.gradFn, 'ReluBackward0');
    assert.ok(hidden.grad !== null, 'the gradient the backward sent into it');
    assert.ok(hidden.nodeId !== undefined, 'its node in the graph');
  });

  it('and the real run had that value at that run', async () => {
    const trace = analyzeChecked(code);
    const hidden = binding(trace, 'hidden');
    const run = await runProbed(code, trace.bindings);
    const runs = run.values.get(hidden.id)!;
    assert.strictEqual(runs.length, 2);
    const shown = runs[hidden.shownIteration! - 1].now as { data: number[] };
    assert.deepStrictEqual(hidden.value!.data.map(Number), shown.data);
    assert.notDeepStrictEqual(hidden.value!.data.map(Number), (runs[1].now as { data: number[] }).data, 'the evaluation gave other values');
  });
});
