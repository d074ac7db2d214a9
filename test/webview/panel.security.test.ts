/** Hostile strings, malformed messages and a 2,000-node graph, in the real page. */
import * as assert from 'assert';
import type { HostMessage } from '../../extension/protocol';
import { buildViewModel, defaultCollapsed } from '../../extension/presentation/graph/model';
import { largeTrace } from './fixtures/large';
import { seedTrace } from './fixtures/seed';
import { XSS, xssTrace } from './fixtures/xss';
import { PanelPage, usePanelPages } from './harness';

const DOC = { uri: 'file:///project/seed.ts', fileName: '/project/seed.ts', version: 1 };

describe('graph panel security and scale (chromium)', function () {
  this.timeout(180_000);
  const page = usePanelPages();
  let p: PanelPage;
  beforeEach(() => {
    p = page();
  });

  it('shows hostile names, values and logs as text and runs nothing', async () => {
    await p.showTrace({ type: 'trace', trace: xssTrace(), doc: { ...DOC, fileName: `/project/${XSS[0]}.ts` } });
    for (let i = 0; i < 4; i++) await p.page.click('#next');
    await p.page.click('#prev');
    await p.page.click('#prev');
    await p.page.click('#prev');
    await p.page.click('.gl-node[data-id="n4"]');
    await p.page.waitForTimeout(200);
    assert.deepStrictEqual(p.recorded.dialogs, []);
    assert.strictEqual(await p.xssFlag(), 0);
    assert.strictEqual(await p.page.$$eval('img, script:not([nonce]), iframe, svg svg', (els) => els.length), 0);
    const page = (await p.page.textContent('body')) ?? '';
    // Each string appears literally: in the drawing (clipped to 32 characters) or in the side panel.
    assert.ok(page.includes(XSS[0]), 'leaf name / log / file name');
    assert.ok(page.includes(XSS[1]), 'op output name / step gradient text / diagnostic');
    assert.ok(page.includes(XSS[2]), 'grad_fn name / target / log');
    const tooltips = await p.texts('.gl-node title');
    assert.ok(tooltips.some((t) => t.includes(XSS[3])), 'value text in the node hover');
    assert.ok((await p.texts('.gl-elabel')).some((t) => XSS[3].startsWith(t.replace('…', ''))), 'edge label');
    assert.ok(await p.page.$(`.gl-node[data-id="${XSS[4].replace(/"/g, '\\"')}"]`), 'hostile node id kept as data');
    assert.strictEqual(p.last('rendered')?.nodeCount, 5);
    assert.deepStrictEqual(p.recorded.otherRequests, [], 'the img payloads fetched nothing');
  });

  it('enforces its CSP: a script without the nonce does not run, nothing else is fetched', async () => {
    await p.showTrace({ type: 'trace', trace: seedTrace(), doc: DOC });
    const csp = await p.page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    assert.match(csp ?? '', /^default-src 'none'; img-src https:\/\/gradlens.test data:; style-src https:\/\/gradlens.test 'nonce-[A-Za-z0-9]+'; script-src 'nonce-[A-Za-z0-9]+'$/);
    await p.page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__xss = 1';
      document.body.append(s);
      const b = document.createElement('button');
      b.setAttribute('onclick', 'window.__xss = 2');
      document.body.append(b);
      b.click();
    });
    assert.strictEqual(await p.xssFlag(), 0);
    assert.deepStrictEqual(p.recorded.otherRequests, []);
  });

  it('ignores malformed messages, logs them, and keeps working', async () => {
    await p.showTrace({ type: 'trace', trace: seedTrace(), doc: DOC });
    const broken = seedTrace() as unknown as { graph: { nodes: Record<string, unknown>[] } };
    broken.graph.nodes[0].kind = '<evil>';
    const noSteps = seedTrace() as unknown as Record<string, unknown>;
    delete noSteps.backwardSteps;
    const bad: unknown[] = [
      null,
      'trace',
      42,
      { type: 'nope' },
      { type: 'trace' },
      { type: 'trace', trace: seedTrace() },
      { type: 'trace', trace: broken, doc: DOC },
      { type: 'trace', trace: noSteps, doc: DOC },
      { type: 'trace', trace: { ...seedTrace(), version: 1 as never }, doc: DOC },
      { type: 'highlightLines', lines: ['4'] },
      { type: 'highlightLines', lines: [0] },
      { type: 'highlightLines' },
      { type: '__proto__' },
      { type: 'toString' },
    ];
    for (const m of bad) await p.post(m);
    await p.page.waitForTimeout(300);
    assert.strictEqual(p.count('rendered'), 1);
    assert.strictEqual(p.recorded.warnings.filter((w) => w.includes('ignored a malformed message')).length, bad.length);
    assert.strictEqual(await p.page.$$eval('.gl-cursor', (els) => els.length), 0);
    assert.strictEqual(await p.page.$$eval('.gl-node', (els) => els.length), 5);
    await p.post({ type: 'highlightLines', lines: [3] } satisfies HostMessage);
    await p.page.waitForSelector('.gl-cursor');
    assert.deepStrictEqual(await p.texts('.gl-cursor .gl-title'), ['MulBackward0']);
  });

  it('declines to lay out a graph too big to draw, and says so', async () => {
    const trace = largeTrace({ nodes: 6000 });
    trace.graph.groups = [];
    for (const n of trace.graph.nodes) delete n.group;
    await p.showTrace({ type: 'trace', trace, doc: DOC });
    assert.strictEqual(p.last('rendered')?.nodeCount, 0);
    assert.match((await p.page.textContent('#empty')) ?? '', /^This graph has \d+ nodes to draw, more than the panel lays out \(5000\)\.$/);
    assert.strictEqual(await p.page.isVisible('#empty'), true);
  });

  it('draws a 2,000-node graph with groups collapsed, and expands it', async () => {
    const trace = largeTrace({ nodes: 2000 });
    assert.ok(trace.graph.nodes.length >= 1990);
    const collapsed = buildViewModel(trace.graph, { collapsed: defaultCollapsed(trace.graph) });
    const expanded = buildViewModel(trace.graph, { collapsed: new Set() });
    await p.showTrace({ type: 'trace', trace, doc: DOC });
    assert.strictEqual(await p.page.$$eval('.gl-node', (els) => els.length), collapsed.nodes.length);
    assert.ok((await p.page.$$eval('.gl-group', (els) => els.length)) > 0);
    // Clicking a group expands it: its epoch's 33 steps appear as groups of their own.
    await p.page.click('.gl-node[data-id="group:g0"]');
    await p.waitForPosted('rendered', 2);
    assert.ok((await p.texts('.gl-group .gl-title')).includes('▸ step 0'));
    await p.page.click('.gl-node[data-id="group:g0.0"]');
    await p.waitForPosted('rendered', 3);
    // A node inside expanded groups offers to collapse each of them again.
    await p.page.click('.gl-node[data-id="s0.2"]');
    assert.deepStrictEqual(await p.texts('#node-info button'), ['Collapse loop “step 0”', 'Collapse loop “epoch 0”']);
    await p.page.click('#node-info button >> nth=1');
    await p.waitForPosted('rendered', 4);
    assert.strictEqual(await p.page.$$eval('.gl-node', (els) => els.length), collapsed.nodes.length);
    await p.page.click('#toggle-groups');
    await p.waitForPosted('rendered', 5, 120_000);
    assert.strictEqual(await p.page.$$eval('.gl-node', (els) => els.length), expanded.nodes.length);
    assert.strictEqual(await p.page.$$eval('.gl-group', (els) => els.length), 0);
    // Stepping still finds the node: the first backward step is the last tanh.
    await p.page.click('#next');
    assert.deepStrictEqual(await p.texts('.gl-current .gl-title'), ['TanhBackward0']);
  });
});
