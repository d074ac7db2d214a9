// @ts-check
// Types with zero setup, as a new user meets them: the installed .vsix, VS Code's own TypeScript service on,
// a folder with nothing but main.ts. The extension's TypeScript server plugin must resolve 'gradlens' to the
// declarations it ships (no ts2307; completion lists the PyTorch API and no internals; a wrong argument is a
// type error), and a folder that installs its own `gradlens` must keep it. Screenshots go to `shots`.
'use strict';
const { launch, workbenchUrl } = require('./lib/browser');
const { waitWorkbench, quickOpen } = require('./lib/editor');

/** VS Code's TypeScript service as a user has it (the other parts turn it off), without word-based guesses. */
const TYPES_SETTINGS = {
  'typescript.validate.enable': true,
  'typescript.suggest.enabled': true,
  'editor.wordBasedSuggestions': 'off',
  'editor.quickSuggestions': { other: true, comments: false, strings: false },
  'typescript.tsserver.log': 'normal',
};

/** Opens the Problems panel unless it is open (the key toggles it). @param {import('./lib/types').Page} page */
async function openProblems(page) {
  if (!(await page.locator('.markers-panel').first().isVisible().catch(() => false))) await page.keyboard.press('Control+Shift+M');
  await page.waitForSelector('.markers-panel', { state: 'visible', timeout: 15000 });
}

/**
 * Polls the open Problems panel until a row matches `re`; returns all its rows as text then.
 * @param {import('./lib/types').Page} page @param {RegExp} re @param {number} [timeoutMs] @returns {Promise<string[]>}
 */
async function waitProblem(page, re, timeoutMs = 120000) {
  const t0 = Date.now();
  /** @type {string[]} */
  let rows = [];
  while (Date.now() - t0 < timeoutMs) {
    rows = await page.$$eval('.markers-panel .monaco-list-row', (els) => els.map((r) => /** @type {HTMLElement} */ (r).innerText.replace(/\s+/g, ' ').trim()));
    if (rows.some((r) => re.test(r))) return rows;
    await page.waitForTimeout(500);
  }
  throw new Error(`no problem matching ${re} within ${timeoutMs} ms; Problems shows ${JSON.stringify(rows)}`);
}

/** A TypeScript error code as the row's text reads it: "ts(2345)" on screen, "ts 2345" in innerText. */
/** @param {number | string} code */
const tsCode = (code) => new RegExp(`(?<![.\\w])ts\\(?\\s?${code}\\b`);
/** TypeScript's own entries (not the gradlens analyzer's, nor the file rows such as "main.ts 2"). */
/** @param {string[]} rows */
const tsRows = (rows) => rows.filter((r) => tsCode('\\d{4,5}').test(r));

/**
 * The labels of the suggest widget's rendered rows (its first screenful, filtered by what was typed).
 * @param {import('./lib/types').Page} page @param {number} [timeoutMs] @returns {Promise<string[]>}
 */
async function suggestions(page, timeoutMs = 30000) {
  const row = '.editor-widget.suggest-widget.visible .monaco-list-row';
  await page.waitForSelector(row, { timeout: timeoutMs });
  await page.waitForTimeout(300); // the list refilters as the typed prefix arrives
  return page.$$eval(row, (rows) => rows.map((r) => (r.getAttribute('aria-label') || /** @type {HTMLElement} */ (r).innerText).trim()));
}

/** Types `text` on a new last line of the active editor. @param {import('./lib/types').Page} page @param {string} text */
async function typeAtEnd(page, text) {
  await page.locator('.editor-instance .view-lines').first().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(text, { delay: 40 });
}

/**
 * The TypeScript service's view of 'gradlens' in a fresh folder and in one with its own package; `check` records each step.
 * @param {{ port: number, fresh: string, own: string, shots: string, check: import('./lib/types').Check, log?: import('./lib/types').Log }} options
 */
async function runTypes({ port, fresh, own, shots, check, log = console.log }) {
  const { page, close } = await launch();
  let failures = 0;
  /** `check`, with a screenshot when the step fails. @param {string} name @param {() => Promise<void>} fn */
  const step = (name, fn) => check(name, async () => {
    try {
      await fn();
    } catch (e) {
      await page.screenshot({ path: `${shots}/failed-types-${++failures}.png` }).catch(() => {});
      throw e;
    }
  });
  try {
    await step('types: a fresh folder (only main.ts) opens with the installed .vsix', async () => {
      await page.goto(workbenchUrl(port, fresh));
      await waitWorkbench(page);
      await quickOpen(page, 'main.ts');
    });

    await step("types: in a fresh folder 'gradlens' resolves (no ts2307) and x.mul('a') is a type error (ts2345)", async () => {
      // ts2345 shows that TypeScript has checked the file with the library's types; ts2307 that it found none.
      await openProblems(page);
      const rows = tsRows(await waitProblem(page, tsCode('(2345|2307)')));
      log(`  TypeScript problems: ${JSON.stringify(rows)}`);
      const missing = rows.filter((r) => tsCode(2307).test(r) || /Cannot find module/.test(r));
      if (missing.length) throw new Error(`'gradlens' did not resolve: ${JSON.stringify(missing)}`);
      // none: RegExp#test reads undefined as "undefined", so the check below fails naming it
      const mulA = /** @type {string} */ (rows.find((r) => tsCode(2345).test(r)));
      if (!/'string'/.test(mulA) || !/TensorLike/.test(mulA) || !/Ln 6\b/.test(mulA)) throw new Error(`unexpected ts2345 entry: ${mulA}`);
      if (rows.length !== 1) throw new Error(`expected only the x.mul('a') error, got ${JSON.stringify(rows)}`);
      await page.screenshot({ path: `${shots}/20-types-fresh-folder.png` });
    });

    await step('types: completion after x.mu lists mul (a method of Tensor)', async () => {
      await typeAtEnd(page, 'x.mu');
      const labels = await suggestions(page);
      log(`  suggestions for x.mu: ${JSON.stringify(labels)}`);
      if (!labels.some((l) => /^mul\b/.test(l))) throw new Error(`no mul in ${JSON.stringify(labels)}`);
      await page.screenshot({ path: `${shots}/21-types-completion-mul.png` });
      await page.keyboard.press('Escape');
    });

    await step('types: completion after x. shows no engine internals (_acc, _accumulateGrad, _bumpVersion, ...)', async () => {
      await page.keyboard.press('Backspace');
      await page.keyboard.press('Backspace');
      await page.keyboard.press('Control+Space');
      const all = await suggestions(page);
      if (all.length < 5) throw new Error(`completion after x. is nearly empty: ${JSON.stringify(all)}`);
      await page.keyboard.type('_', { delay: 40 });
      await page.waitForTimeout(800);
      const labels = await page.$$eval('.editor-widget.suggest-widget.visible .monaco-list-row', (rows) => rows.map((r) => (r.getAttribute('aria-label') || /** @type {HTMLElement} */ (r).innerText).trim()));
      log(`  suggestions for x._: ${JSON.stringify(labels)}`);
      const internals = labels.filter((l) => l.startsWith('_'));
      if (internals.length) throw new Error(`internals in completion: ${JSON.stringify(internals)}`);
      await page.screenshot({ path: `${shots}/22-types-no-internals.png` });
      await page.keyboard.press('Escape');
    });

    await step("types: a folder with its own node_modules/gradlens resolves to that package, not the shipped one", async () => {
      await page.goto(workbenchUrl(port, own));
      await waitWorkbench(page);
      await quickOpen(page, 'main.ts');
      await openProblems(page);
      // Only the workspace's API makes tensor(1) the one error (its tensor takes a string); the shipped
      // declarations would instead reject workspaceOnly (ts2305) and t.workspace (ts2339).
      const rows = tsRows(await waitProblem(page, tsCode(2345)));
      log(`  TypeScript problems: ${JSON.stringify(rows)}`);
      if (rows.length !== 1 || !/'number'.*'string'/.test(rows[0]) || !/Ln 6\b/.test(rows[0])) {
        throw new Error(`expected only tensor(1) rejected by the workspace's own types, got ${JSON.stringify(rows)}`);
      }
      await page.screenshot({ path: `${shots}/23-types-own-package.png` });
    });
  } finally {
    await close();
  }
}

module.exports = { runTypes, TYPES_SETTINGS };
