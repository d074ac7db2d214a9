/**
 * A site that made several parameters (a hand-written layer's constructor line, run once per
 * instance) shows each, named by its module path, with its own value and gradient, as a real run of
 * the file has them; not only the last instance's (issue 15, item 3).
 */
import * as assert from 'assert';
import { analyzeChecked, binding, closeElements } from './helpers';
import { runProbed, isRunTensor } from './unknowns/real-run';
import { renderAnnotated } from '../../extension/presentation/cli-text';
import { annotationText, lineAnnotation } from '../../extension/presentation/annotation';
import { hoverMarkdown } from '../../extension/host/hover-text';
import type { Binding } from '../../extension/analysis/trace';

const CODE = `import { nn, tensor, type Tensor } from 'gradlens';
class MyLinear extends nn.Module {
  weight: Tensor;
  bias: Tensor;
  constructor(w: number[][], b: number[]) {
    super();
    this.weight = nn.Parameter(tensor(w));
    this.bias = nn.Parameter(tensor(b));
  }
  override forward(x: Tensor): Tensor {
    return x.matmul(this.weight.t()).add(this.bias);
  }
}
class Net extends nn.Module {
  first = new MyLinear([[0.5, -1.0], [2.0, 0.25]], [0.1, -0.2]);
  second = new MyLinear([[1.5, -0.5]], [0.3]);
  override forward(x: Tensor): Tensor {
    return this.second.forward(this.first.forward(x).tanh());
  }
}
const net = new Net();
const loss = net.forward(tensor([[1.0, 2.0], [-0.5, 0.75]])).pow(2).sum();
loss.backward();
`;

describe('analysis: a site that made several parameters shows each instance', function () {
  this.timeout(30000);

  it('names each by module path, with the value and gradient a real run gives', async () => {
    const trace = analyzeChecked(CODE);
    const weight = binding(trace, 'this.weight');
    assert.deepStrictEqual(weight.instances?.map((i) => i.name), ['first.weight', 'second.weight']);
    assert.deepStrictEqual(binding(trace, 'this.bias').instances?.map((i) => i.name), ['first.bias', 'second.bias']);
    const run = await runProbed(CODE, trace.bindings);
    assert.strictEqual(run.error, undefined);
    const runs = run.values.get(weight.id)!;
    assert.strictEqual(runs.length, 2);
    weight.instances!.forEach((inst, k) => {
      const real = runs[k].object;
      assert.ok(isRunTensor(real) && real.grad !== null, `instance ${k} is a tensor with a gradient in the real run`);
      closeElements(inst.value.data, real.dataSync(), `${inst.name} value`);
      closeElements(inst.grad!.data, real.grad.dataSync(), `${inst.name} grad`);
    });
    // the two instances differ, so showing only the last would have hidden the first
    assert.notDeepStrictEqual(weight.instances![0].value.shape, weight.instances![1].value.shape);
  });

  it('the CLI, the editor line and the hover show every instance', () => {
    const trace = analyzeChecked(CODE);
    const weight = binding(trace, 'this.weight');
    const cli = renderAnnotated(CODE, trace, { color: false }).split('\n').find((l) => l.includes('this.weight = nn.Parameter'))!;
    assert.match(cli, /first\.weight = \[2×2\] \[\[0\.5, -1, …\]\] {2}∇ ‖·‖=[\d.]+ │ second\.weight = \[1×2\] \[\[1\.5, -0\.5\]\] {2}∇ ‖·‖=[\d.]+/);
    const line = annotationText(lineAnnotation([weight], { precision: 4, maxLength: 400 }));
    assert.match(line, /^first\.weight .*∇.*second\.weight .*∇/);
    const hover = hoverMarkdown(weight, { target: 'loss', targetKind: 'backward', graph: trace.graph } as unknown as Parameters<typeof hoverMarkdown>[1], 4, undefined);
    assert.match(hover, /2 parameters made here, one per instance/);
    assert.match(hover, /\*\*first\\\.weight\*\* · `\[\[0\.5, -1, …\]\]` · `∇/);
    assert.match(hover, /\*\*second\\\.weight\*\* · `\[\[1\.5, -0\.5\]\]` · `∇/);
    assert.doesNotMatch(hover, /shape|iterations/, 'no facts of the last instance alone');
  });

  it('a site that made one parameter, or leaves outside modules, keeps one value', () => {
    const trace = analyzeChecked(`import { tensor } from 'gradlens';
const ws: ReturnType<typeof tensor>[] = [];
for (let i = 0; i < 3; i++) { const w = tensor([i + 1.0], { requiresGrad: true }); ws.push(w); }
const loss = ws[0].mul(ws[1]).mul(ws[2]).sum();
loss.backward();
`);
    const w: Binding = binding(trace, 'w');
    assert.strictEqual(w.iterations, 3);
    assert.strictEqual(w.instances, undefined);
  });
});
