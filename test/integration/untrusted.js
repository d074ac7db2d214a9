// @ts-check
// One run in a workspace that is NOT trusted (Restricted Mode): the installed .vsix still annotates, because
// the analyzer never runs the user's code (package.json: capabilities.untrustedWorkspaces.supported = true).
'use strict';
const { launch, workbenchUrl } = require('./lib/browser');
const { waitWorkbench, quickOpen, waitAnnotation } = require('./lib/editor');

/**
 * The packaged extension in an untrusted workspace; `check(name, fn)` records each step.
 * @param {{ port: number, workspace: string, shots: string, check: import('./lib/types').Check, log?: import('./lib/types').Log }} options
 */
async function runUntrusted({ port, workspace, shots, check, log = console.log }) {
  const { page, close } = await launch();
  /** `check`, with a screenshot when the step fails. @param {string} name @param {() => Promise<void>} fn */
  const step = (name, fn) => check(name, async () => {
    try {
      await fn();
    } catch (e) {
      await page.screenshot({ path: `${shots}/failed-untrusted.png` }).catch(() => {});
      throw e;
    }
  });
  try {
    await step('untrusted: the workspace opens in Restricted Mode', async () => {
      await page.goto(workbenchUrl(port, workspace));
      await waitWorkbench(page);
      const restricted = page.locator('.statusbar-item', { hasText: 'Restricted Mode' });
      await restricted.first().waitFor({ timeout: 30000 });
    });
    await step('untrusted: the installed extension annotates seed-tutorial.ts (0.8000  ∇ 1.0000)', async () => {
      await quickOpen(page, 'seed-tutorial.ts');
      const t = await waitAnnotation(page, 'const z2', /^0\.8000 {2}∇ 1\.0000$/, 45000);
      log(`  untrusted annotation: ${JSON.stringify(t)}`);
      await page.screenshot({ path: `${shots}/06-untrusted.png` });
    });
  } finally {
    await close();
  }
}

module.exports = { runUntrusted };
