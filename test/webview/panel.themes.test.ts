/**
 * The panel under VS Code's dark, light and high-contrast theme variables. Screenshots go to
 * test-results/webview/ (gitignored) for a person to look at; the asserts check the theme reaches the drawing.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Browser } from 'playwright-core';
import { analyzeFile } from './fixtures/analyzed';
import { largeTrace } from './fixtures/large';
import { seedTrace } from './fixtures/seed';
import { THEMES, type ThemeFixture } from './fixtures/themes';
import { buildBundle, launch, PanelPage, ROOT } from './harness';

const OUT = path.join(ROOT, 'test-results', 'webview');
const DOC = { uri: 'file:///project/seed.ts', fileName: '/project/examples/seed.ts', version: 1 };

/** What VS Code does to a webview on theme change: CSS variables on <html>, a class on <body>. */
async function applyTheme(p: PanelPage, theme: ThemeFixture): Promise<void> {
  await p.page.evaluate((t) => {
    for (const [k, v] of Object.entries(t.vars)) document.documentElement.style.setProperty(k, v);
    document.body.classList.add(t.bodyClass);
  }, theme);
}

/** CSS colour strings in the form getComputedStyle reports them. */
function rgb(hex: string): string {
  const n = parseInt(hex.slice(1, 7), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

describe('graph panel themes (chromium screenshots)', function () {
  this.timeout(120_000);
  let browser: Browser;
  let bundle: string;

  before(async () => {
    bundle = await buildBundle();
    browser = await launch();
    fs.mkdirSync(OUT, { recursive: true });
    console.log(`      screenshots: ${OUT}`);
  });
  after(async () => {
    await browser?.close();
  });

  for (const theme of THEMES) {
    it(`renders in the ${theme.name} theme`, async () => {
      const p = await PanelPage.open(browser, bundle, { width: 820, height: 620 });
      try {
        await applyTheme(p, theme);
        await p.showTrace({ type: 'trace', trace: seedTrace(), doc: DOC });
        await p.page.click('#next');
        await p.page.click('#next');
        await p.post({ type: 'highlightLines', lines: [5] });
        await p.page.waitForSelector('.gl-cursor');
        await p.page.focus('#next');
        const colors = await p.page.evaluate(() => ({
          body: getComputedStyle(document.body).backgroundColor,
          leafTitle: getComputedStyle(document.querySelector('.gl-leaf .gl-title') as Element).fill,
          opTitle: getComputedStyle(document.querySelector('.gl-op .gl-title') as Element).fill,
          current: getComputedStyle(document.querySelector('.gl-current .gl-box') as Element).stroke,
        }));
        assert.deepStrictEqual(colors, {
          body: rgb(theme.vars['--vscode-editor-background']),
          leafTitle: rgb(theme.vars['--vscode-charts-blue']),
          opTitle: rgb(theme.vars['--vscode-charts-purple']),
          current: rgb(theme.vars['--vscode-charts-yellow']),
        });
        const file = path.join(OUT, `seed-${theme.name}.png`);
        await p.page.screenshot({ path: file });
        assert.ok(fs.statSync(file).size > 10_000);
      } finally {
        await p.page.close();
      }
    });
  }

  it('renders the analyzed examples/workbench.ts mid-backward (light)', async () => {
    const p = await PanelPage.open(browser, bundle, { width: 1100, height: 760 });
    try {
      await applyTheme(p, THEMES[1]);
      const trace = analyzeFile('examples/workbench.ts');
      await p.showTrace({ type: 'trace', trace, doc: { ...DOC, fileName: '/project/examples/workbench.ts' } });
      for (let i = 0; i < 6; i++) await p.page.keyboard.press('ArrowRight');
      assert.deepStrictEqual(await p.texts('.gl-current .gl-title'), [trace.backwardSteps[5].gradFn]);
      const file = path.join(OUT, 'workbench-light.png');
      await p.page.screenshot({ path: file });
      assert.ok(fs.statSync(file).size > 10_000);
    } finally {
      await p.page.close();
    }
  });

  it('renders a 2,000-node graph collapsed (dark)', async () => {
    const p = await PanelPage.open(browser, bundle, { width: 1000, height: 700 });
    try {
      await applyTheme(p, THEMES[0]);
      await p.showTrace({ type: 'trace', trace: largeTrace({ nodes: 2000 }), doc: { ...DOC, fileName: '/project/examples/rnn.ts' } });
      const file = path.join(OUT, 'large-dark.png');
      await p.page.screenshot({ path: file });
      assert.ok(fs.statSync(file).size > 10_000);
    } finally {
      await p.page.close();
    }
  });
});
