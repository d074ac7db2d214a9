// @ts-check
// Runs the in-host mocha suite (test/integration/suite) inside code-server's extension host: the workbench,
// opened with an extensionTestsPath payload, loads the suite's run() and reports through two window hooks.
'use strict';
const fs = require('node:fs');
const util = require('node:util');
const { launch, workbenchUrl } = require('./browser');

/**
 * Resolves with { passes, failures, tests: [{title, ok, error}] } read from `resultFile` (written by the suite).
 * @param {{ port: number, workspace: string, extensionPath: string, testsPath: string, resultFile: string, shots: string,
 *   timeoutMs?: number, log?: import('./types').Log }} options
 * @returns {Promise<{ passes: number, failures: number, tests: { title: string, ok: boolean, error?: string }[] }>}
 */
async function runHostSuite({ port, workspace, extensionPath, testsPath, resultFile, shots, timeoutMs = 600000, log = console.log }) {
  fs.rmSync(resultFile, { force: true });
  const { page, close } = await launch();
  try {
    /** @type {(code: unknown) => void} */
    let exit;
    const done = new Promise((r) => { exit = r; });
    /** @type {string[]} */
    const latency = [];
    await page.exposeFunction('codeAutomationLog', (/** @type {string} */ type, /** @type {unknown[] | undefined} */ args) => {
      const line = util.format(...(args || []));
      if (line.startsWith('LATENCY ')) latency.push(line.slice('LATENCY '.length));
      log(`  [ext-host ${type}] ${line}`);
    });
    await page.exposeFunction('codeAutomationExit', (/** @type {unknown} */ code) => exit(code));
    await page.goto(workbenchUrl(port, workspace, { extensionPath, testsPath }));
    const code = await Promise.race([done, new Promise((r) => setTimeout(() => r('timeout'), timeoutMs))]);
    // The typing-latency figures, for BENCHMARKS.md (npm run bench reads them from here).
    if (latency.length) fs.writeFileSync(`${shots}/latency.json`, JSON.stringify({ date: new Date().toISOString(), lines: latency }, null, 2));
    await page.screenshot({ path: `${shots}/10-in-host-suite.png` }).catch(() => {});
    if (!fs.existsSync(resultFile)) {
      return { passes: 0, failures: 1, tests: [{ title: `in-host suite (exit ${code}): no result file ${resultFile}`, ok: false, error: 'the suite did not run or did not finish' }] };
    }
    return JSON.parse(fs.readFileSync(resultFile, 'utf8'));
  } finally {
    await close();
  }
}

module.exports = { runHostSuite };
