/** The message validators, as tables of valid and invalid messages. */
import * as assert from 'assert';
import { isHostMessage, isTrace, isWebviewMessage } from '../../extension/protocol';
import { highlightSets } from '../../webview/app/highlights';
import { restoreState, graphShapeKey, initialState } from '../../webview/app/state';
import { buildViewModel, defaultCollapsed } from '../../extension/presentation/graph/model';
import { clampStep, ranNodes, stepView } from '../../webview/app/steps';
import { largeTrace } from './fixtures/large';
import { seedTrace } from './fixtures/seed';

const DOC = { uri: 'file:///a.ts', fileName: '/a.ts', version: 3 };

// The mutations below break the trace's types on purpose; `any` is the honest type of that JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function mutated(f: (t: Record<string, any>) => void): unknown {
  const t = JSON.parse(JSON.stringify(seedTrace()));
  f(t);
  return t;
}

describe('protocol validators', () => {
  const validHost: unknown[] = [
    { type: 'trace', trace: seedTrace(), doc: DOC },
    { type: 'trace', trace: largeTrace({ nodes: 100 }), doc: DOC },
    { type: 'highlightLines', lines: [] },
    { type: 'highlightLines', lines: [1, 40] },
  ];
  const invalidHost: [string, unknown][] = [
    ['null', null],
    ['array', [{ type: 'trace' }]],
    ['unknown type', { type: 'reload' }],
    ['prototype key as type', { type: 'constructor' }],
    ['trace without doc', { type: 'trace', trace: seedTrace() }],
    ['doc version not integer', { type: 'trace', trace: seedTrace(), doc: { ...DOC, version: 1.5 } }],
    ['wrong trace version', { type: 'trace', trace: mutated((t) => (t.version = 1 as never)), doc: DOC }],
    ['node kind unknown', { type: 'trace', trace: mutated((t) => (t.graph.nodes[0].kind = 'script')), doc: DOC }],
    ['node label not string', { type: 'trace', trace: mutated((t) => (t.graph.nodes[0].label = { toString: 1 })), doc: DOC }],
    ['value data not numbers', { type: 'trace', trace: mutated((t) => (t.graph.nodes[0].value.data = ['x'])), doc: DOC }],
    ['value text missing', { type: 'trace', trace: mutated((t) => delete t.graph.nodes[0].value.text), doc: DOC }],
    ['edge without index', { type: 'trace', trace: mutated((t) => delete t.graph.edges[0].index), doc: DOC }],
    ['step gradIn not array', { type: 'trace', trace: mutated((t) => (t.backwardSteps[0].gradIn = {})), doc: DOC }],
    ['groups missing', { type: 'trace', trace: mutated((t) => delete t.graph.groups), doc: DOC }],
    ['log text not string', { type: 'trace', trace: mutated((t) => t.logs.push({ line: 1, text: 5 })), doc: DOC }],
    ['line 0', { type: 'highlightLines', lines: [0] }],
    ['line string', { type: 'highlightLines', lines: ['3'] }],
  ];
  validHost.forEach((m, i) => it(`accepts host message ${i}`, () => assert.ok(isHostMessage(m))));
  for (const [name, m] of invalidHost) it(`rejects host message: ${name}`, () => assert.ok(!isHostMessage(m)));

  it('accepts and rejects webview messages', () => {
    const valid: unknown[] = [
      { type: 'ready' },
      { type: 'revealNode', nodeId: 'n1' },
      { type: 'stepChanged', stepIndex: -1, nodeId: null, line: null },
      { type: 'stepChanged', stepIndex: 2, nodeId: 'n2', line: 3 },
      { type: 'exportSvg', svg: '<svg/>', fileName: 'a.svg' },
      { type: 'rendered', nodeCount: 5, stepIndex: 0, mode: 'both' },
    ];
    const invalid: unknown[] = [
      { type: 'revealNode' },
      { type: 'stepChanged', stepIndex: -2, nodeId: null, line: null },
      { type: 'stepChanged', stepIndex: 0, nodeId: 'n', line: 0 },
      { type: 'exportSvg', svg: 1, fileName: 'a.svg' },
      { type: 'rendered', nodeCount: 5, stepIndex: 0, mode: 'sideways' },
      { type: 'hasOwnProperty' },
      'ready',
    ];
    for (const m of valid) assert.ok(isWebviewMessage(m), JSON.stringify(m));
    for (const m of invalid) assert.ok(!isWebviewMessage(m), JSON.stringify(m));
    assert.ok(isTrace(JSON.parse(JSON.stringify(seedTrace()))), 'a trace survives JSON');
  });
});

describe('panel state and steps', () => {
  it('restores a saved state field by field', () => {
    assert.deepStrictEqual(restoreState(undefined), initialState());
    assert.deepStrictEqual(restoreState({ mode: 'evil', stepIndex: 2.5, view: { x: 1, y: 2, k: 0 }, collapsed: ['g1'] }), initialState());
    const good = { mode: 'forward', stepIndex: 2, view: { x: 1, y: 2, k: 0.5 }, collapsed: [0, 3], shapeKey: 'k', docUri: 'u' };
    assert.deepStrictEqual(restoreState(good), good);
  });

  it('a shape key ignores values and ids, and changes with nodes or edges', () => {
    const a = seedTrace();
    const b = seedTrace();
    b.graph.nodes[4].value = null;
    b.graph.nodes[4].id = 'renamed';
    b.graph.edges[3].to = 'renamed';
    const c = seedTrace();
    c.graph.edges[3].from = 'n2';
    assert.strictEqual(graphShapeKey(a.graph), graphShapeKey(b.graph));
    assert.notStrictEqual(graphShapeKey(a.graph), graphShapeKey(c.graph));
  });

  it('step views carry the gradient before and after each grad function', () => {
    const t = seedTrace();
    const befores = t.backwardSteps.map((_, i) => stepView(t, i)?.before[0]);
    assert.deepStrictEqual(befores, ['tensor(1.)', 'tensor(0.2000)', 'tensor(0.2000)', 'tensor(0.4000)']);
    assert.deepStrictEqual(stepView(t, 2)?.after, ['tensor(0.4000)']);
    assert.strictEqual(stepView(t, -1), null);
    assert.deepStrictEqual([clampStep(-5, 4), clampStep(9, 4), clampStep(9, 0)], [-1, 3, -1]);
    assert.deepStrictEqual([...ranNodes(t, 1)], ['n4', 'n3']);
  });
});

describe('highlights', () => {
  it('maps the step and cursor lines to drawn nodes, through collapsed groups', () => {
    const seed = seedTrace();
    const m = buildViewModel(seed.graph, { collapsed: new Set() });
    assert.deepStrictEqual(highlightSets(seed, m, 1, [2, 5]), { current: 'n3', ran: new Set(['n4', 'n3']), cursor: new Set(['n0', 'n1', 'n4']) });
    assert.deepStrictEqual(highlightSets(seed, m, -1, []), { current: null, ran: new Set(), cursor: new Set() });
    const big = largeTrace({ nodes: 300, stepsPerEpoch: 10 });
    const collapsed = buildViewModel(big.graph, { collapsed: defaultCollapsed(big.graph) });
    // Line 9 holds every TanhBackward0; the first backward step is the last one, in the last epoch.
    const h = highlightSets(big, collapsed, 0, [9]);
    const epochs = big.graph.groups.filter((g) => g.parent === undefined).map((g) => `group:${g.id}`);
    assert.strictEqual(h.current, epochs[epochs.length - 1]);
    assert.deepStrictEqual([...h.cursor].sort(), [...epochs].sort());
  });
});
