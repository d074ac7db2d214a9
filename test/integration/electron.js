#!/usr/bin/env node
// @ts-check
// The same in-host suite under a desktop VS Code, for a machine with a display and internet:
// @vscode/test-electron downloads VS Code (>= engines.vscode) and runs out/test/integration/suite/index.js in it.
// Usage: npm run build && node test/integration/electron.js   (on Linux without a display: xvfb-run -a node ...)
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runTests } = require('@vscode/test-electron');
const { makeWorkspace } = require('./lib/workspace');

const ROOT = path.resolve(__dirname, '..', '..');

async function main() {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'gl-el-'));
  const resultFile = path.join(temp, 'suite-result.json');
  try {
    await runTests({
      version: process.env.VSCODE_VERSION || '1.100.3',
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(ROOT, 'out/test/integration/suite/index.js'),
      launchArgs: [makeWorkspace(temp), '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
      extensionTestsEnv: { GRADLENS_TEST_RESULT: resultFile },
    });
    const r = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
    console.log(`${r.passes} passed, ${r.failures} failed`);
  } catch (e) {
    console.error(`in-host suite under @vscode/test-electron failed: ${e && e.message ? e.message : e}`);
    process.exitCode = 1;
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

main();
