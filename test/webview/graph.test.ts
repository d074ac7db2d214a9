/** The pure drawing pipeline in Node: model, layout, render, traceToSvg. */
import * as assert from 'assert';
import { traceToSvg } from '../../extension/presentation/graph';
import { layoutGraph, type GraphLayout } from '../../extension/presentation/graph/layout';
import { buildViewModel, defaultCollapsed, type ViewModel } from '../../extension/presentation/graph/model';
import { renderGraphSvg } from '../../extension/presentation/graph/render';
import { largeTrace } from './fixtures/large';
import { seedTrace } from './fixtures/seed';
import { analyzeFile } from './fixtures/analyzed';
import { XSS, xssTrace } from './fixtures/xss';

function assertNoOverlap(layout: GraphLayout, withLabels = false): void {
  const boxes = [...layout.nodes.entries()];
  if (withLabels) for (const [id, r] of layout.edges) if (r.labelBox) boxes.push([`label of ${id}`, r.labelBox]);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i][1], boxes[j][1]];
      const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      assert.ok(apart, `${boxes[i][0]} overlaps ${boxes[j][0]}`);
    }
  }
}

function assertConsistent(model: ViewModel, layout: GraphLayout): void {
  const ids = new Set(model.nodes.map((n) => n.id));
  assert.strictEqual(ids.size, model.nodes.length, 'view node ids are unique');
  for (const e of model.edges) assert.ok(ids.has(e.from) && ids.has(e.to), `edge ${e.id} ends at drawn nodes`);
  for (const n of model.nodes) {
    const box = layout.nodes.get(n.id);
    assert.ok(box && box.width > 0 && box.height > 0, `${n.id} has a box`);
    assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= layout.width && box.y + box.height <= layout.height, `${n.id} inside`);
  }
  for (const e of model.edges) assert.ok((layout.edges.get(e.id)?.points.length ?? 0) >= 2, `edge ${e.id} routed`);
}

describe('graph model', () => {
  it('keeps every seed node, with titles, output names and labels', () => {
    const m = buildViewModel(seedTrace().graph, { collapsed: new Set() });
    const byTitle = new Map(m.nodes.map((n) => [n.title, n]));
    assert.deepStrictEqual([...byTitle.keys()], ['x', 'AccumulateGrad', 'MulBackward0', 'AddBackward0', 'DivBackward0']);
    assert.deepStrictEqual([byTitle.get('x')?.value, byTitle.get('x')?.grad], ['1.0000', '0.4000']);
    assert.deepStrictEqual([byTitle.get('DivBackward0')?.subtitle, byTitle.get('DivBackward0')?.value], ['z2', '0.8000']);
    assert.match(byTitle.get('DivBackward0')?.tooltip ?? '', /tensor\(0\.8000, grad_fn=<DivBackward0>\)/);
    assert.strictEqual(m.edges.length, 4);
  });

  it('collapses groups of a big graph into one node each and drops their inner edges', () => {
    const t = largeTrace({ nodes: 2000 });
    const collapsed = defaultCollapsed(t.graph);
    assert.strictEqual(collapsed.size, t.graph.groups.length);
    const m = buildViewModel(t.graph, { collapsed });
    const epochs = t.graph.groups.filter((g) => g.parent === undefined).length;
    assert.strictEqual(m.nodes.filter((n) => n.kind === 'group').length, epochs);
    assert.strictEqual(m.nodes.filter((n) => n.kind === 'group').reduce((s, n) => s + n.members.length, 0), t.graph.nodes.filter((n) => n.group).length);
    for (const n of t.graph.nodes) assert.ok(m.viewOf.has(n.id));
    assert.ok(m.nodes.length < 100, `${m.nodes.length} nodes drawn`);
    // A collapsed group shows the value and gradient of its last op: epoch 0 ends with step 32's tanh.
    const epoch0 = m.nodes.find((n) => n.id === 'group:g0');
    const lastTanh = t.graph.nodes.find((n) => n.id === 's32.2');
    assert.deepStrictEqual([epoch0?.subtitle, epoch0?.value], ['loop · 99 nodes → h', (lastTanh?.value?.data[0] as number).toFixed(4)]);
    // w feeds each of epoch 0's 33 steps: one drawn edge standing for 33.
    const wEdge = m.edges.find((e) => e.from === 'w.acc');
    assert.deepStrictEqual([wEdge?.to, wEdge?.count, wEdge?.label], ['group:g0', 33, '(33)']);
  });

  it('expanding one epoch shows its steps as groups and keeps the rest collapsed', () => {
    const t = largeTrace({ nodes: 300, stepsPerEpoch: 10 });
    const collapsed = defaultCollapsed(t.graph);
    collapsed.delete('g0');
    const m = buildViewModel(t.graph, { collapsed });
    const titles = m.nodes.filter((n) => n.kind === 'group').map((n) => n.title);
    assert.ok(titles.includes('▸ step 0') && titles.includes('▸ epoch 1') && !titles.includes('▸ epoch 0'));
  });

  it('gives a shared node reference copies instead of long edges', () => {
    const t = largeTrace({ nodes: 60 });
    const m = buildViewModel(t.graph, { collapsed: new Set() });
    const fanout = (id: string): number => m.edges.filter((e) => e.from === id).length;
    assert.strictEqual(fanout('w.acc'), 1);
    const refs = m.nodes.filter((n) => n.kind === 'ref' && n.target === 'w.acc');
    assert.strictEqual(refs.length, t.graph.edges.filter((e) => e.from === 'w.acc').length - 1);
    assert.ok(refs.every((r) => r.title === 'w' && fanout(r.id) === 1));
  });
});

describe('graph layout (elkjs)', function () {
  this.timeout(60_000);
  it('places every seed node, without overlaps, in forward order', async () => {
    const m = buildViewModel(seedTrace().graph, { collapsed: new Set() });
    const l = await layoutGraph(m, { mode: 'both' });
    assertConsistent(m, l);
    assertNoOverlap(l);
    const y = (id: string): number => l.nodes.get(id)?.y ?? NaN;
    assert.ok(y('n0') < y('n1') && y('n1') < y('n2') && y('n2') < y('n3') && y('n3') < y('n4'));
    const right = await layoutGraph(m, { mode: 'both', direction: 'RIGHT' });
    const x = (id: string): number => right.nodes.get(id)?.x ?? NaN;
    assert.ok(x('n0') < x('n2') && x('n2') < x('n4'));
  });

  it('gives edge labels boxes clear of nodes and of each other (analyzed examples/workbench.ts)', async () => {
    const trace = analyzeFile('examples/workbench.ts');
    const m = buildViewModel(trace.graph, { collapsed: new Set() });
    const l = await layoutGraph(m, { mode: 'both' });
    const labelled = m.edges.filter((e) => e.label || e.grad);
    assert.ok(labelled.length > 10);
    for (const e of labelled) assert.ok(l.edges.get(e.id)?.labelBox, `label box for ${e.id}`);
    assertNoOverlap(l, true);
  });

  it('places a collapsed 2,000-node graph and a 300-node expanded one', async () => {
    for (const [t, collapsed] of [
      [largeTrace({ nodes: 2000 }), true],
      [largeTrace({ nodes: 300 }), false],
    ] as const) {
      const m = buildViewModel(t.graph, { collapsed: collapsed ? defaultCollapsed(t.graph) : new Set() });
      const l = await layoutGraph(m, { mode: 'both' });
      assertConsistent(m, l);
      assertNoOverlap(l);
    }
  });
});

describe('renderGraphSvg', () => {
  it('draws one element per node and edge with the labels', async () => {
    const m = buildViewModel(seedTrace().graph, { collapsed: new Set() });
    const svg = renderGraphSvg(m, await layoutGraph(m, { mode: 'both' }), { mode: 'both', current: 'n3', done: new Set(['n4', 'n3']) });
    assert.strictEqual(svg.match(/<g class="gl-node[ "]/g)?.length, 5);
    assert.strictEqual(svg.match(/<g class="gl-edge[ "]/g)?.length, 4);
    assert.strictEqual(svg.match(/gl-flowed/g)?.length, 2);
    assert.match(svg, /<g class="gl-node gl-op gl-current" data-id="n3"/);
    for (const text of ['>MulBackward0<', '>= 0.8000<', '>∇ 0.4000<', '>× 1/5<']) assert.ok(svg.includes(text), text);
    assert.ok(!svg.includes('<style>'), 'the webview supplies the CSS');
  });

  it('escapes every user string', async () => {
    const t = xssTrace();
    const m = buildViewModel(t.graph, { collapsed: new Set() });
    const svg = renderGraphSvg(m, await layoutGraph(m, { mode: 'both' }), { mode: 'both', title: t.target ?? '' });
    assert.ok(!/<(img|script|iframe|svg onload)/i.test(svg.replace(/^<svg /, '')));
    assert.ok(svg.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(svg.includes(`data-id="${"&#39;&gt;&lt;iframe src=javascript:alert(1)&gt;"}"`));
    assert.ok(svg.includes('aria-label="&lt;script&gt;window.__xss=1&lt;/script&gt;"'));
    // Outside text and attribute values there is nothing but the renderer's own markup.
    const tags = new Set((svg.match(/<\/?([a-zA-Z]+)/g) ?? []).map((s) => s.replace(/[</]/g, '')));
    assert.deepStrictEqual([...tags].sort(), ['defs', 'g', 'marker', 'path', 'rect', 'svg', 'text', 'title']);
    assert.strictEqual(XSS.length, 5);
  });

  it('traceToSvg gives a standalone file with CSS, background and theme fallbacks', async () => {
    const svg = await traceToSvg(seedTrace(), { mode: 'forward' });
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(svg, /<style>[^<]*var\(--vscode-editor-background, #ffffff\)/);
    assert.match(svg, /<rect class="gl-bg"/);
    assert.ok(svg.includes('>= 0.8000<') && !svg.includes('∇ 1.0000'), 'forward mode: values only');
    assert.match(svg, /aria-label="Computational graph of z2"/);
  });
});
