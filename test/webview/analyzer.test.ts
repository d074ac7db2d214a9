/** The panel's pure layer and validators on a real trace: analyze() of examples/seed.ts. */
import * as assert from 'assert';
import { isHostMessage } from '../../extension/protocol';
import { traceToSvg } from '../../extension/presentation/graph';
import { buildViewModel } from '../../extension/presentation/graph/model';
import { stepView } from '../../webview/app/steps';
import { analyzeSeed } from './fixtures/analyzed';


describe('graph panel on the analyzer seed trace', function () {
  this.timeout(30_000);

  it('passes the panel validator after a JSON round trip (as postMessage delivers it)', () => {
    const trace = JSON.parse(JSON.stringify(analyzeSeed()));
    assert.ok(isHostMessage({ type: 'trace', trace, doc: { uri: 'file:///seed.ts', fileName: 'seed.ts', version: 1 } }));
  });

  it('models x → AccumulateGrad → MulBackward0 → AddBackward0 → DivBackward0 with values and gradients', () => {
    const trace = analyzeSeed();
    const m = buildViewModel(trace.graph, { collapsed: new Set() });
    const rows = m.nodes.map((n) => [n.title, n.value, n.grad]).sort();
    assert.deepStrictEqual(rows, [
      ['AccumulateGrad', '', ''],
      ['AddBackward0', '4.0000', '0.2000'],
      ['DivBackward0', '0.8000', '1.0000'],
      ['MulBackward0', '2.0000', '0.2000'],
      ['x', '1.0000', '0.4000'],
    ]);
    const title = new Map(m.nodes.map((n) => [n.id, n.title]));
    const chain = m.edges.map((e) => `${title.get(e.from)}→${title.get(e.to)}`).sort();
    assert.deepStrictEqual(chain, ['AccumulateGrad→MulBackward0', 'AddBackward0→DivBackward0', 'MulBackward0→AddBackward0', 'x→AccumulateGrad']);
  });

  it('steps 1 → 0.2 → 0.2 → 0.4 and draws a standalone SVG', async () => {
    const trace = analyzeSeed();
    const befores = trace.backwardSteps.map((_, i) => stepView(trace, i)?.before.join());
    assert.deepStrictEqual(befores, ['tensor(1.)', 'tensor(0.2000)', 'tensor(0.2000)', 'tensor(0.4000)']);
    const svg = await traceToSvg(trace);
    for (const s of ['>x<', '>MulBackward0<', '>AddBackward0<', '>DivBackward0<', '>= 0.8000<', '>∇ 0.4000<']) assert.ok(svg.includes(s), s);
  });
});
