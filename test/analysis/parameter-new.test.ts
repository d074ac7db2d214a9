/**
 * `new nn.Parameter(t)` in an analysed file (ported code writes it as often as the call form): the
 * analyzer evaluates it as the library does, and what it prints, shows and registers is what a
 * real run of the file gives.
 */
import * as assert from 'assert';
import { analyzeChecked, binding, closeElements, logTexts, runInProcess } from './helpers';

const CODE = `import { nn, tensor, type Tensor } from 'gradlens';
class Scale extends nn.Module {
  gain = new nn.Parameter(tensor([1.5, -0.5]));
  shift: Tensor;
  constructor() {
    super();
    this.shift = new nn.Parameter(tensor([0.25, 2.0]), true);
  }
  override forward(x: Tensor): Tensor {
    return x.mul(this.gain).add(this.shift);
  }
}
const m = new Scale();
const frozen = new nn.Parameter(tensor([3.0, 4.0]), false);
const loss = m.forward(tensor([2.0, -1.0])).mul(frozen).sum();
loss.backward();
console.log(JSON.stringify(m.namedParameters().map(([n, p]) => [n, p.tolist(), p.grad!.tolist()])));
console.log(frozen.requiresGrad, frozen.isLeaf, loss.item());
`;

describe('analysis: new nn.Parameter(...)', () => {
  it('is evaluated, registered by the module and differentiated as in a real run, without diagnostics', async () => {
    const trace = analyzeChecked(CODE);
    assert.deepStrictEqual(trace.diagnostics.map((d) => `${d.line}: ${d.message}`), []);
    const real = await runInProcess(CODE);
    assert.deepStrictEqual(logTexts(trace), real);
    const [, gainValue, gainGrad] = (JSON.parse(real[0]) as [string, number[], number[]][])[0];
    const gain = binding(trace, 'this.gain');
    closeElements(gain.value!.data, gainValue, 'gain value');
    closeElements(gain.grad!.data, gainGrad, 'gain grad');
  });
});
