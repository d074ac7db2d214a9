/** The graph panel in a real browser: the real page, the real bundle, a recorded acquireVsCodeApi. */
import * as assert from 'assert';
import type { HostMessage } from '../../extension/protocol';
import { analyzeSeed } from './fixtures/analyzed';
import { seedTrace } from './fixtures/seed';
import { PanelPage, usePanelPages } from './harness';

const DOC = { uri: 'file:///project/seed.ts', fileName: '/project/seed.ts', version: 1 };
const seedMessage = (): HostMessage => ({ type: 'trace', trace: seedTrace(), doc: DOC });

/** Title → the value and gradient lines drawn in that node. */
async function nodeLines(p: PanelPage): Promise<Map<string, string[]>> {
  const rows = await p.page.$$eval('.gl-node', (els) =>
    els.map((e) => Array.from(e.querySelectorAll('text')).map((t) => t.textContent ?? '')),
  );
  return new Map(rows.map((r) => [r[0], r.slice(1)]));
}

describe('graph panel (chromium)', function () {
  this.timeout(120_000);
  const page = usePanelPages();
  let p: PanelPage;
  beforeEach(() => {
    p = page();
  });

  it('draws the seed graph with names, values and gradients', async () => {
    await p.showTrace(seedMessage());
    const nodes = await nodeLines(p);
    assert.deepStrictEqual([...nodes.keys()].sort(), ['AccumulateGrad', 'AddBackward0', 'DivBackward0', 'MulBackward0', 'x']);
    assert.deepStrictEqual(nodes.get('x'), ['= 1.0000', '∇ 0.4000']);
    assert.deepStrictEqual(nodes.get('MulBackward0'), ['z0', '= 2.0000', '∇ 0.2000']);
    assert.deepStrictEqual(nodes.get('AddBackward0'), ['z1', '= 4.0000', '∇ 0.2000']);
    assert.deepStrictEqual(nodes.get('DivBackward0'), ['z2', '= 0.8000', '∇ 1.0000']);
    const edgeLabels = await p.texts('.gl-edge .gl-elabel');
    assert.deepStrictEqual(edgeLabels.sort(), ['× 1', '× 1/5', '× 2']);
    assert.strictEqual(p.last('rendered')?.nodeCount, 5);
    // Accessible: the drawing is a group of focusable buttons with spoken labels.
    assert.strictEqual(await p.page.getAttribute('#canvas > svg', 'role'), 'group');
    assert.strictEqual(await p.page.getAttribute('.gl-node[data-id="n0"]', 'aria-label'), 'leaf x, value 1.0000, gradient 0.4000');
    assert.deepStrictEqual(await p.page.$$eval('.gl-node', (els) => els.map((e) => [e.getAttribute('role'), e.getAttribute('tabindex')]).filter(([r, t]) => r !== 'button' || t !== '0')), []);
    // Forward order: x above MulBackward0 above AddBackward0 above DivBackward0 (layout direction DOWN).
    const ys = await p.page.$$eval('.gl-node', (els) => els.map((e) => [e.querySelector('text')?.textContent, e.getBoundingClientRect().top] as const));
    const y = new Map(ys);
    assert.ok((y.get('x') as number) < (y.get('MulBackward0') as number));
    assert.ok((y.get('MulBackward0') as number) < (y.get('AddBackward0') as number));
    assert.ok((y.get('AddBackward0') as number) < (y.get('DivBackward0') as number));
  });

  it('steps through the backward pass: gradient 1 → 0.2 → 0.2 → 0.4', async () => {
    await p.showTrace(seedMessage());
    const expected = [
      { fn: 'DivBackward0', line: 5, before: 'tensor(1.)', after: 'tensor(0.2000)' },
      { fn: 'AddBackward0', line: 4, before: 'tensor(0.2000)', after: 'tensor(0.2000)' },
      { fn: 'MulBackward0', line: 3, before: 'tensor(0.2000)', after: 'tensor(0.4000)' },
      { fn: 'AccumulateGrad', line: 2, before: 'tensor(0.4000)', after: '(accumulated into .grad)' },
    ];
    for (const [i, e] of expected.entries()) {
      await p.page.click('#next');
      assert.strictEqual(await p.page.textContent('#step-info .step-before'), e.before, `step ${i + 1} before`);
      assert.strictEqual(await p.page.textContent('#step-info .step-after'), e.after, `step ${i + 1} after`);
      assert.deepStrictEqual(await p.texts('.gl-current .gl-title'), [e.fn]);
      assert.deepStrictEqual(p.last('stepChanged'), { type: 'stepChanged', stepIndex: i, nodeId: seedTrace().backwardSteps[i].nodeId, line: e.line });
    }
    assert.strictEqual(await p.page.isDisabled('#next'), true);
    assert.strictEqual(await p.page.textContent('#step-label'), 'step 4 / 4');
    // Every edge has carried its gradient by the end.
    assert.strictEqual(await p.page.$$eval('.gl-edge:not(.gl-flowed)', (els) => els.length), 0);
    // Keyboard: ← goes back one step, Home resets.
    await p.page.keyboard.press('ArrowLeft');
    assert.deepStrictEqual(await p.texts('.gl-current .gl-title'), ['MulBackward0']);
    await p.page.keyboard.press('Home');
    assert.deepStrictEqual(await p.texts('.gl-current .gl-title'), []);
    assert.strictEqual(p.last('stepChanged')?.stepIndex, -1);
  });

  it('plays the backward pass to the end', async () => {
    await p.showTrace(seedMessage());
    await p.page.click('#play');
    await p.page.waitForFunction(() => document.getElementById('step-label')?.textContent === 'step 4 / 4', undefined, { timeout: 10_000 });
    await p.page.waitForFunction(() => document.getElementById('play')?.getAttribute('aria-pressed') === 'false');
    assert.deepStrictEqual(p.recorded.posted.filter((m) => m.type === 'stepChanged').map((m) => m.type === 'stepChanged' && m.stepIndex), [0, 1, 2, 3]);
  });

  it('reveals a node on click and on Enter, and highlights the cursor line', async () => {
    await p.showTrace(seedMessage());
    await p.page.click('.gl-node[data-id="n2"]');
    assert.deepStrictEqual(p.last('revealNode'), { type: 'revealNode', nodeId: 'n2' });
    assert.match((await p.page.textContent('#node-info')) ?? '', /tensor\(2\., grad_fn=<MulBackward0>\)/);
    await p.page.focus('.gl-node[data-id="n4"]');
    await p.page.keyboard.press('Enter');
    assert.deepStrictEqual(p.last('revealNode'), { type: 'revealNode', nodeId: 'n4' });
    await p.post({ type: 'highlightLines', lines: [4] });
    await p.page.waitForSelector('.gl-node.gl-cursor');
    assert.deepStrictEqual(await p.texts('.gl-cursor .gl-title'), ['AddBackward0']);
  });

  it('switches modes: forward shows values only, backward gradients only', async () => {
    await p.showTrace(seedMessage());
    await p.page.click('button[data-mode="forward"]');
    await p.waitForPosted('rendered', 2);
    assert.deepStrictEqual((await nodeLines(p)).get('DivBackward0'), ['z2', '= 0.8000']);
    assert.strictEqual(await p.page.getAttribute('button[data-mode="forward"]', 'aria-pressed'), 'true');
    await p.page.click('button[data-mode="backward"]');
    await p.waitForPosted('rendered', 3);
    assert.deepStrictEqual((await nodeLines(p)).get('DivBackward0'), ['z2', '∇ 1.0000']);
    assert.ok((await p.texts('.gl-egrad')).includes('∇ 0.4000'));
  });

  it('keeps zoom and step on a same-shape update, resets them on a new shape', async () => {
    await p.showTrace(seedMessage());
    await p.page.click('#next');
    await p.page.click('#next');
    await p.page.click('#zoom-in');
    const transform = await p.page.$eval('#canvas', (e) => (e as HTMLElement).style.transform);
    // A re-analysis after an edit: new values, and (as the analyzer may) fresh node ids.
    const edited = seedTrace();
    for (const n of edited.graph.nodes) n.id = `re-${n.id}`;
    for (const e of edited.graph.edges) Object.assign(e, { from: `re-${e.from}`, to: `re-${e.to}` });
    for (const s of edited.backwardSteps) s.nodeId = `re-${s.nodeId}`;
    const z2 = edited.graph.nodes[4];
    z2.value = { kind: 'tensor', shape: [], dtype: 'float32', data: [0.9], text: 'tensor(0.9000, grad_fn=<DivBackward0>)' };
    await p.showTrace({ type: 'trace', trace: edited, doc: { ...DOC, version: 2 } });
    assert.deepStrictEqual((await nodeLines(p)).get('DivBackward0'), ['z2', '= 0.9000', '∇ 1.0000']);
    assert.strictEqual(await p.page.textContent('#step-label'), 'step 2 / 4');
    assert.deepStrictEqual(await p.texts('.gl-current .gl-title'), ['AddBackward0']);
    assert.strictEqual(await p.page.$eval('#canvas', (e) => (e as HTMLElement).style.transform), transform);
    const grown = seedTrace();
    grown.graph.nodes.push({ id: 'n5', kind: 'leaf', label: 'y', name: 'y' });
    await p.showTrace({ type: 'trace', trace: grown, doc: { ...DOC, version: 3 } });
    assert.strictEqual(await p.page.textContent('#step-label'), 'step 0 / 4');
    assert.strictEqual(p.last('rendered')?.nodeCount, 6);
  });

  it('draws and steps a real trace from analyze() of examples/seed.ts', async () => {
    const trace = analyzeSeed();
    await p.showTrace({ type: 'trace', trace, doc: DOC });
    const nodes = await nodeLines(p);
    assert.deepStrictEqual(nodes.get('x'), ['= 1.0000', '∇ 0.4000']);
    assert.deepStrictEqual(nodes.get('DivBackward0'), ['z2', '= 0.8000', '∇ 1.0000']);
    const befores: (string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      await p.page.keyboard.press('ArrowRight');
      befores.push(await p.page.textContent('#step-info .step-before'));
    }
    assert.deepStrictEqual(befores, ['tensor(1.)', 'tensor(0.2000)', 'tensor(0.2000)', 'tensor(0.4000)']);
    await p.page.click('.gl-node.gl-accumulate');
    assert.deepStrictEqual(p.last('revealNode')?.nodeId, trace.graph.nodes.find((n) => n.kind === 'accumulate')?.id);
  });

  it('exports a standalone SVG through the host', async () => {
    await p.showTrace(seedMessage());
    await p.page.click('#export');
    const m = p.last('exportSvg');
    assert.ok(m);
    assert.strictEqual(m.fileName, 'seed.graph.svg');
    assert.match(m.svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(m.svg, /<style>/);
    const parsed = await p.page.evaluate((s) => new DOMParser().parseFromString(s, 'image/svg+xml').querySelectorAll('.gl-node').length, m.svg);
    assert.strictEqual(parsed, 5);
  });
});
