/**
 * The backward-pass debugger in the graph panel (issue 20), in a real browser: the NaN path of
 * examples/debugging/nan-sqrt-where.ts drawn in the error colour from its origins (log and sqrt) to the
 * leaf x, whose gradient is nan; nodes with finite gradients keep their colours. A screenshot goes to
 * test-results/webview/ (gitignored) for a person to look at.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeFile } from './fixtures/analyzed';
import { ROOT, type PanelPage, usePanelPages } from './harness';

const OUT = path.join(ROOT, 'test-results', 'webview');
const FILE = 'examples/debugging/nan-sqrt-where.ts';
const DOC = { uri: `file:///project/${FILE}`, fileName: `/project/${FILE}`, version: 1 };
/** --vscode-errorForeground is unset in the harness: the drawing's light fallback. */
const ERROR = 'rgb(229, 20, 0)';

/** data-id → [title, classes, box stroke colour] of every drawn node. */
async function drawnNodes(p: PanelPage): Promise<[string, string, string][]> {
  return p.page.$$eval('.gl-node', (els) => els.map((e) => [
    e.querySelector('text')?.textContent ?? '',
    e.getAttribute('class') ?? '',
    getComputedStyle(e.querySelector('.gl-box') as Element).stroke,
  ] as [string, string, string]));
}

describe('graph panel: the NaN path (chromium)', function () {
  this.timeout(120_000);
  const page = usePanelPages();

  it('draws log and sqrt as the origins, x on the path, in the error colour; the rest as before', async () => {
    const p = page();
    const trace = analyzeFile(FILE);
    assert.deepStrictEqual(trace.diagnostics.filter((d) => d.code === 'nan-origin').map((d) => d.line), [8, 6]);
    await p.showTrace({ type: 'trace', trace, doc: DOC });
    const nodes = await drawnNodes(p);
    const origins = nodes.filter(([, cls]) => cls.includes('gl-nan-origin')).map(([t]) => t).sort();
    assert.deepStrictEqual(origins, ['LogBackward0', 'SqrtBackward0']);
    const carriers = nodes.filter(([, cls]) => cls.includes('gl-nan') && !cls.includes('gl-nan-origin')).map(([t]) => t);
    assert.deepStrictEqual(carriers, ['x']);
    for (const [title, cls, stroke] of nodes) {
      if (cls.includes('gl-nan')) assert.strictEqual(stroke, ERROR, `${title} in the error colour`);
      else assert.notStrictEqual(stroke, ERROR, `${title} keeps its colour`);
    }
    // the edges that carried the nan back to x are red too
    const redEdges = await p.page.$$eval('.gl-edge.gl-nan path', (els) => els.map((e) => getComputedStyle(e).stroke));
    assert.ok(redEdges.length >= 2, `${redEdges.length} red edges`);
    for (const s of redEdges) assert.strictEqual(s, ERROR);
    assert.match((await p.page.getAttribute('.gl-nan-origin', 'aria-label')) ?? '', /origin of a NaN or Inf/);
    fs.mkdirSync(OUT, { recursive: true });
    await p.page.screenshot({ path: path.join(OUT, 'debugger-nan-path.png') });
  });
});

describe('graph panel: what the target\'s graph does not reach (chromium)', function () {
  this.timeout(120_000);
  const page = usePanelPages();

  it('draws an unused leaf greyed and a cut-off leaf dashed, with a dashed edge that says where it was cut', async () => {
    const p = page();
    for (const [file, title, cls] of [['examples/debugging/unused-parameter.ts', 'b', 'gl-unused'], ['examples/debugging/detach-cut.ts', 'w', 'gl-cut']] as const) {
      const trace = analyzeFile(file);
      await p.showTrace({ type: 'trace', trace, doc: { uri: `file:///project/${file}`, fileName: `/project/${file}`, version: 1 } });
      const nodes = await drawnNodes(p);
      const outside = nodes.filter(([, c]) => c.includes('gl-outside'));
      assert.deepStrictEqual(outside.map(([t, c]) => [t, c.includes(cls)]), [[title, true]], file);
      const look = await p.page.$eval(`.gl-node.${cls}`, (e) => [getComputedStyle(e).opacity, getComputedStyle(e.querySelector('.gl-box') as Element).strokeDasharray]);
      if (cls === 'gl-unused') assert.ok(Number(look[0]) < 1, `greyed: opacity ${look[0]}`);
      else assert.notStrictEqual(look[1], 'none', 'dashed outline');
      if (cls === 'gl-cut') {
        const edge = await p.page.$eval('.gl-edge.gl-cut', (e) => [getComputedStyle(e.querySelector('path') as Element).strokeDasharray, e.textContent ?? '']);
        assert.notStrictEqual(edge[0], 'none', 'dashed edge');
        assert.match(edge[1], /cut by `w\.detach\(\)` \(line 6\)/);
        fs.mkdirSync(OUT, { recursive: true });
        await p.page.screenshot({ path: path.join(OUT, 'debugger-cut.png') });
      }
    }
  });
});
