/**
 * The CLI line, the hover and the graph panel's label of one binding show the same number text: each is
 * read back from what that surface prints, not from the presentation module's functions.
 */
import * as assert from 'node:assert/strict';
import { analyzeChecked, binding } from '../analysis/helpers';
import { renderAnnotated } from '../../extension/presentation/cli-text';
import { toDot } from '../../extension/presentation/dot';
import { buildViewModel, nodeLines } from '../../extension/presentation/graph/model';
import { hoverMarkdown, type HoverContext } from '../../extension/host/hover-text';
import type { Trace } from '../../extension/analysis/trace';

/** What the CLI prints after `name = ` on the binding's line: the value, and the gradient after two spaces. */
function cliParts(source: string, trace: Trace, name: string): { value: string; grad: string } {
  const text = renderAnnotated(source, trace, { color: false });
  const m = new RegExp(`^.*(?:  |│ )${name.replace(/\./g, '\\.')} = (.+?)  (∇ [^│]+?)(?: │|$)`, 'm').exec(text);
  assert.ok(m, `no CLI annotation of ${name} in\n${text}`);
  return { value: m[1], grad: m[2] };
}

/** The graph panel's value and gradient lines of the node of `name` (a leaf's title, an op's subtitle). */
function panelLines(trace: Trace, name: string): { value: string; grad: string } {
  const node = buildViewModel(trace.graph, { collapsed: new Set() }).nodes.find((n) => n.title === name || n.subtitle === name);
  assert.ok(node, `no graph node ${name}`);
  const lines = nodeLines(node, 'both');
  return { value: lines.find((l) => l.cls === 'value')?.text ?? '', grad: lines.find((l) => l.cls === 'grad')?.text ?? '' };
}

function hover(trace: Trace, name: string): string {
  const ctx: HoverContext = { graph: trace.graph, target: trace.target, targetKind: trace.targetKind, diagnostics: trace.diagnostics };
  return hoverMarkdown(binding(trace, name), ctx, 4, undefined);
}

const SEED = `import { tensor } from 'gradlens';
const x = tensor(1.0, { requiresGrad: true });
const z0 = x.mul(2);
const z1 = z0.add(2);
const z2 = z1.div(5);
z2.backward();
`;

const LAYERS = `import { nn, tensor, type Tensor } from 'gradlens';
class Affine extends nn.Module {
  weight: Tensor;
  constructor(w: number[][]) {
    super();
    this.weight = nn.Parameter(tensor(w));
  }
  override forward(x: Tensor): Tensor {
    return x.matmul(this.weight.t());
  }
}
class Net extends nn.Module {
  first = new Affine([[0.5, -1.0, 0.125], [2.0, 0.25, -3.5]]);
  second = new Affine([[1.5, -0.5]]);
  override forward(x: Tensor): Tensor {
    return this.second.forward(this.first.forward(x).tanh());
  }
}
const net = new Net();
const loss = net.forward(tensor([[1.0, 2.0, -1.0]])).pow(2).sum();
loss.backward();
`;

describe('presentation: the CLI, the hover and the panel show the same numbers', function () {
  this.timeout(30000);

  for (const name of ['x', 'z0', 'z1', 'z2']) {
    // (The hover of a scalar shows PyTorch's own print, `tensor(1.)`: not this rule, so not compared.)
    it(`scalar ${name}: the CLI's value and ∇ are the panel's`, () => {
      const trace = analyzeChecked(SEED);
      const cli = cliParts(SEED, trace, name);
      assert.deepEqual(panelLines(trace, name), { value: `= ${cli.value}`, grad: cli.grad });
    });
  }

  for (const name of ['first.weight', 'second.weight']) {
    it(`parameter ${name}: one value text in the CLI, the hover and the panel (and DOT), one ∇ text in the CLI and the hover`, () => {
      const trace = analyzeChecked(LAYERS);
      const cli = cliParts(LAYERS, trace, name);
      const m = new RegExp(`\\*\\*${name.replace(/\./g, '\\\\\\.')}\\*\\* · \`([^\`]+)\` · \`([^\`]+)\``).exec(hover(trace, 'this.weight'));
      assert.ok(m, `${name} not in the hover`);
      // the hover's line is in a sentence: the value without its shape
      assert.equal(cli.value.slice(cli.value.indexOf(' ') + 1), m[1]);
      assert.equal(cli.grad, m[2]);
      const panel = panelLines(trace, name);
      assert.equal(panel.value, `= ${cli.value}`);
      assert.ok(toDot(trace).includes(`${panel.value}\\n${panel.grad}`), `${name}: DOT lacks the panel's lines`);
    });
  }
});
