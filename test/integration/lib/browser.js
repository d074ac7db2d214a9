// @ts-check
// Headless Debian Chromium through playwright-core (it downloads no browser of its own).
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const CHROMIUM = process.env.GRADLENS_CHROMIUM || '/usr/bin/chromium';

async function launch() {
  const { chromium } = require('playwright-core');
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set GRADLENS_CHROMIUM)`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'gl-chrome-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height: 900 },
  });
  const close = async () => {
    await ctx.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { ctx, page: ctx.pages()[0] || (await ctx.newPage()), close };
}

/** The workbench URL for a folder, optionally loading an unpackaged extension (and its tests) from disk. */
/** @param {number} port @param {string} folder @param {{ extensionPath?: string, testsPath?: string }} [where] */
function workbenchUrl(port, folder, { extensionPath, testsPath } = {}) {
  const authority = `127.0.0.1:${port}`;
  let url = `http://${authority}/?folder=${encodeURIComponent(folder)}`;
  const payload = [];
  if (extensionPath) payload.push(['extensionDevelopmentPath', `vscode-remote://${authority}${extensionPath}`]);
  if (testsPath) payload.push(['extensionTestsPath', `vscode-remote://${authority}${testsPath}`]);
  if (payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

module.exports = { launch, workbenchUrl };
