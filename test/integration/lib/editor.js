// @ts-check
// Reading and driving the VS Code workbench in the browser, as a person would.
'use strict';

/** @typedef {import('./types').Page} Page */

const QUICK_INPUT = '.quick-input-widget:not([style*="display: none"]) input';

/** Waits until the workbench shows its status bar and the explorer's folder. @param {Page} page */
async function waitWorkbench(page) {
  await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: 90000 });
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 90000 });
}

/**
 * Opens a workspace file through Quick Open (Ctrl+P; `query` may hold a folder) and waits for its editor.
 * @param {Page} page @param {string} name @param {string} [query]
 */
async function quickOpen(page, name, query = name) {
  await page.locator('.monaco-workbench').click({ position: { x: 700, y: 300 } });
  await page.keyboard.press('Control+P');
  await page.waitForSelector(QUICK_INPUT);
  await page.keyboard.type(query);
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${name}"]`);
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.tab.active[aria-label*="${name}"]`);
  await page.waitForSelector('.editor-instance .view-lines .view-line');
}

/** Runs a palette command by its title (F1, type, pick the row by aria-label). @param {Page} page @param {string} title */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.waitForSelector(QUICK_INPUT);
  await page.keyboard.type(title);
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${title}"]`);
  await page.keyboard.press('Enter');
}

/**
 * Each visible editor line as { text, injected, colors }: `text` is the source, `injected` the decoration
 * texts in order and `colors` their CSS colours. Decoration text lives in CSS (`::before`/`::after`
 * content), not in the DOM text.
 * @param {Page} page @returns {Promise<import('./types').EditorLine[]>}
 */
function readLines(page) {
  return page.evaluate(() => {
    /** @param {string} c @returns {string | null} */
    const unquote = (c) => {
      if (!c || c === 'none' || c === 'normal') return null;
      try { return JSON.parse(c); } catch { return c.replace(/^["']|["']$/g, ''); }
    };
    const lines = /** @type {HTMLElement[]} */ ([...document.querySelectorAll('.editor-instance .view-lines .view-line')]);
    lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
    return lines.map((line) => {
      /** @type {string[]} */
      const injected = [];
      /** @type {string[]} */
      const colors = [];
      for (const span of line.querySelectorAll('span')) {
        for (const pseudo of ['::before', '::after']) {
          const style = getComputedStyle(span, pseudo);
          const c = unquote(style.content);
          if (c) {
            injected.push(c);
            colors.push(style.color);
          }
        }
      }
      return { text: line.textContent.replace(/\u00a0/g, ' '), injected, colors };
    });
  });
}

/**
 * Polls until the line whose source contains `lineNeedle` shows injected text matching `re`.
 * @param {Page} page @param {string} lineNeedle @param {RegExp} re @param {number} [timeoutMs]
 */
async function waitAnnotation(page, lineNeedle, re, timeoutMs = 30000) {
  const t0 = Date.now();
  let last;
  while (Date.now() - t0 < timeoutMs) {
    const lines = await readLines(page);
    last = lines.find((l) => l.text.includes(lineNeedle));
    if (last && re.test(last.injected.join('  '))) return last.injected.join('  ');
    await page.waitForTimeout(100);
  }
  throw new Error(`no annotation matching ${re} on the line with ${JSON.stringify(lineNeedle)}; saw ${JSON.stringify(last)}`);
}

/**
 * Screen coordinates of the `index`-th character of `needle` on the editor line containing `lineNeedle`.
 * @param {Page} page @param {string} lineNeedle @param {string} needle @param {number} [index]
 */
function charPos(page, lineNeedle, needle, index = 0) {
  return page.evaluate((/** @type {[string, string, number]} */ [lineNeedle, needle, index]) => {
    for (const line of document.querySelectorAll('.editor-instance .view-lines .view-line')) {
      const text = line.textContent.replace(/\u00a0/g, ' ');
      if (!text.includes(lineNeedle)) continue;
      const at = text.indexOf(needle, text.indexOf(lineNeedle)) + index;
      let seen = 0;
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (at < seen + /** @type {Text} */ (n).data.length) {
          const r = document.createRange();
          r.setStart(n, at - seen);
          r.setEnd(n, at - seen + 1);
          const b = r.getBoundingClientRect();
          return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
        }
        seen += /** @type {Text} */ (n).data.length;
      }
    }
    return null;
  }, /** @type {[string, string, number]} */ ([lineNeedle, needle, index]));
}

module.exports = { waitWorkbench, quickOpen, runCommand, readLines, waitAnnotation, charPos, QUICK_INPUT };
