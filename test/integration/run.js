#!/usr/bin/env node
// @ts-check
// `npm run test:vscode` (after `npm run build`): the extension's tests in a real VS Code.
//   1. setup: Debian chromium/ripgrep/libkrb5-dev when missing (as root), code-server 4.100.3 into a cache folder
//   2. in-host mocha suite inside code-server's extension host (the @vscode/test-electron way)
//   3. browser end-to-end test with Debian Chromium (playwright-core), screenshots into test-results/vscode/
//   4. packaging (.vsix), installed into a second server whose workspace is not trusted
//   5. the same .vsix in a third server with VS Code's TypeScript service on: types for 'gradlens' with zero setup
// Prints `N passed, M failed` and exits non-zero on any failure. GRADLENS_SKIP_VSCODE=1 runs nothing, saying so (the extension's
// vscode-free parts are tested in `npm run test:unit`, test/host/).
// GRADLENS_VSCODE_ONLY=suite|e2e|untrusted|types runs one part (for working on it; says what it left out).
// GRADLENS_VSIX=FILE installs that .vsix in steps 4 and 5 instead of packaging one (e.g. an older build).
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const SHOTS = path.join(ROOT, 'test-results', 'vscode');
const t0 = Date.now();
/** @type {import('./lib/types').Log} */
const log = (m) => console.log(`[vscode ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);


const ONLY = process.env.GRADLENS_VSCODE_ONLY || '';
/** Whether GRADLENS_VSCODE_ONLY lets part `name` run. @param {string} name */
const part = (name) => !ONLY || ONLY === name;
if (ONLY) console.log(`test:vscode: only the "${ONLY}" part (GRADLENS_VSCODE_ONLY); the other parts did not run`);

/** @type {import('./lib/types').Result[]} */
const results = [];
/** @type {import('./lib/types').Check} */
async function check(name, fn) {
  try {
    await fn();
    results.push({ name, ok: true });
    log(`✔ ${name}`);
    return true;
  } catch (e) {
    results.push({ name, ok: false, error: String(e && e.stack ? e.stack : e) });
    log(`✘ ${name}\n    ${String(e && e.message ? e.message : e).split('\n').join('\n    ')}`);
    return false;
  }
}

function requireBuilt() {
  const need = ['dist/extension.js', 'dist/worker.js', 'out/test/integration/suite/index.js',
    'packages/tsserver-plugin/dist/index.js', 'packages/gradlens/dist/index.d.ts'];
  const missing = need.filter((f) => !fs.existsSync(path.join(ROOT, f)));
  if (missing.length) throw new Error(`missing ${missing.join(', ')}: run \`npm run build\` first`);
}

function setup() {
  log('setup: checking chromium, ripgrep, libkrb5-dev and code-server (first run installs them: a few minutes)');
  const r = spawnSync('bash', [path.join(__dirname, 'setup.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error('setup failed (see the messages above); the real-VS-Code tests cannot run');
  // the last line setup.sh prints: code-server's folder (split gives at least one line)
  return /** @type {string} */ (r.stdout.trim().split('\n').pop());
}

/** The .vsix the packaged parts install: GRADLENS_VSIX, or one packaged once per run (packages/vsix.mjs). */
/** @type {{ path?: string }} */
const vsixOnce = {};
/** @param {string} dir a folder to package into @returns {string} the .vsix */
function packageVsix(dir) {
  if (process.env.GRADLENS_VSIX) return path.resolve(process.env.GRADLENS_VSIX);
  if (vsixOnce.path) return vsixOnce.path;
  const vsix = path.join(dir, 'gradlens.vsix');
  execFileSync(process.execPath, [path.join(ROOT, 'packages/vsix.mjs'), '--out', vsix], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  log(`packaged ${path.relative(ROOT, vsix) || vsix}: ${(fs.statSync(vsix).size / 1024).toFixed(1)} KiB`);
  vsixOnce.path = vsix;
  return vsix;
}

/** @param {{ server: import('./lib/types').Server, temp: string, resultFile: string }} options */
async function suitePart({ server, temp, resultFile }) {
  const { runHostSuite } = require('./lib/host-suite');
  const { makeWorkspace } = require('./lib/workspace');
  log('in-host suite: mocha inside the extension host');
  const suite = await runHostSuite({
    port: server.port, workspace: makeWorkspace(temp), extensionPath: ROOT, resultFile, shots: SHOTS,
    testsPath: path.join(ROOT, 'out/test/integration/suite/index.js'), log,
  });
  for (const t of suite.tests) {
    results.push({ name: `in-host: ${t.title}`, ok: t.ok, error: t.error });
    log(`${t.ok ? '✔' : '✘'} in-host: ${t.title}${t.ok ? '' : `\n    ${String(t.error).split('\n').slice(0, 6).join('\n    ')}`}`);
  }
}

/** @param {{ server: import('./lib/types').Server, temp: string }} options */
async function e2ePart({ server, temp }) {
  const { makeWorkspace } = require('./lib/workspace');
  const { runE2E } = require('./e2e');
  log('browser end-to-end');
  await runE2E({ port: server.port, workspace: makeWorkspace(temp), extensionPath: ROOT, shots: SHOTS, check, log });
}

/**
 * Packages the .vsix, installs it into a second server, and opens a workspace there without trusting it.
 * @param {{ csDir: string, temp: string, servers: import('./lib/types').Server[] }} options
 */
async function untrustedPart({ csDir, temp, servers }) {
  const { startServer, installVsix } = require('./lib/server');
  const { makeWorkspace } = require('./lib/workspace');
  const { runUntrusted } = require('./untrusted');
  log('untrusted workspace, with the packaged .vsix installed');
  const state = path.join(temp, 's2');
  const packaged = await check('package: vsce packages gradlens.vsix and code-server installs it', async () => {
    installVsix({ csDir, state, vsix: packageVsix(temp) });
  });
  if (!packaged) return;
  const server = await startServer({ csDir, state, trusted: false, log });
  servers.push(server);
  await runUntrusted({ port: server.port, workspace: makeWorkspace(temp), shots: SHOTS, check, log });
}

/**
 * What the installed gradlens extension lacks of the plugin, where tsserver looks for it (<extension>/node_modules/<name>).
 * @param {string} extensionsDir @returns {string[]}
 */
function missingPluginFiles(extensionsDir) {
  const ext = fs.readdirSync(extensionsDir).find((d) => d.startsWith('gradlens.gradlens-'));
  if (!ext) return [`the extension itself (installed: ${fs.readdirSync(extensionsDir).join(', ')})`];
  const files = ['package.json', 'dist/index.js', 'gradlens/index.d.ts', 'gradlens/tensor.d.ts'].map((f) => `node_modules/gradlens-tsserver-plugin/${f}`);
  return files.filter((f) => !fs.existsSync(path.join(extensionsDir, ext, f)));
}

/**
 * Installs the .vsix into a third server with VS Code's TypeScript service on, and checks the types it gives.
 * @param {{ csDir: string, temp: string, servers: import('./lib/types').Server[] }} options
 */
async function typesPart({ csDir, temp, servers }) {
  const { startServer, installVsix } = require('./lib/server');
  const { freshTypesWorkspace, ownPackageWorkspace } = require('./lib/workspace');
  const { runTypes, TYPES_SETTINGS } = require('./types');
  log('types with zero setup, with the packaged .vsix installed');
  const state = path.join(temp, 's3');
  const installed = await check('types: code-server installs the .vsix', async () => {
    installVsix({ csDir, state, vsix: packageVsix(temp) });
  });
  if (!installed) return;
  await check('types: the installed extension carries the TypeScript server plugin and the declarations', async () => {
    const missing = missingPluginFiles(path.join(state, 'extensions'));
    if (missing.length) throw new Error(`the installed extension lacks ${missing.join(', ')}`);
  });
  const server = await startServer({ csDir, state, trusted: true, settings: TYPES_SETTINGS, log });
  servers.push(server);
  await runTypes({ port: server.port, fresh: freshTypesWorkspace(temp), own: ownPackageWorkspace(temp), shots: SHOTS, check, log });
}

/**
 * On failure: the extension's own log (its output channel) and tsserver's, from every server, to see what they did.
 * @param {string} dir
 */
function printExtensionLogs(dir) {
  /** @type {string[]} */
  const found = [];
  /** @param {string} d */
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'Gradlens.log' || /^tsserver\.log$/.test(e.name)) found.push(p);
    }
  };
  try { walk(dir); } catch { return; }
  for (const f of found) {
    // From tsserver's log only what concerns plugins (whether it loaded ours, and from where).
    const all = fs.readFileSync(f, 'utf8').trim().split('\n');
    const lines = f.endsWith('tsserver.log') ? all.filter((l) => /plugin|gradlens/i.test(l)) : all;
    log(`${path.relative(dir, f)} (last ${Math.min(lines.length, 30)} lines):\n    ${lines.slice(-30).join('\n    ')}`);
  }
}

/** GRADLENS_SKIP_VSCODE=1: a line saying the real-VS-Code part was skipped. */
function skipVsCode() {
  console.log('test:vscode: the real-VS-Code tests were SKIPPED (GRADLENS_SKIP_VSCODE=1); the extension\'s vscode-free parts ran in test:unit (test/host/)');
  const failed = results.filter((r) => !r.ok);
  console.log(`${results.length - failed.length} passed, ${failed.length} failed`);
  process.exit(failed.length ? 1 : 0);
}

async function main() {
  if (process.env.GRADLENS_SKIP_VSCODE === '1') return skipVsCode();
  const { startServer } = require('./lib/server');
  /** @type {import('./lib/types').Server[]} */
  const servers = [];
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'gl-vs-'));
  fs.rmSync(SHOTS, { recursive: true, force: true });
  fs.mkdirSync(SHOTS, { recursive: true });
  const stopAll = () => Promise.all(servers.map((s) => s.stop()));
  // However this process ends (even a crash, e.g. EPIPE on a closed stdout), signal the servers' process groups.
  process.on('exit', () => {
    for (const s of servers) try { process.kill(-s.pid, 'SIGTERM'); } catch { /* already gone */ }
    if (process.env.GRADLENS_KEEP_STATE !== '1') fs.rmSync(temp, { recursive: true, force: true });
  });
  // Interrupted (Ctrl-C, a CI timeout, a closed terminal): stop the servers, which run in their own process groups.
  for (const [signal, code] of /** @type {[NodeJS.Signals, number][]} */ ([['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]])) {
    process.on(signal, () => void stopAll().then(() => {
      if (process.env.GRADLENS_KEEP_STATE !== '1') fs.rmSync(temp, { recursive: true, force: true });
      process.exit(code);
    }));
  }
  try {
    requireBuilt();
    const csDir = setup();
    if (part('suite') || part('e2e')) {
      const resultFile = path.join(temp, 'suite-result.json');
      const server = await startServer({ csDir, state: path.join(temp, 's1'), trusted: true, env: { GRADLENS_TEST_RESULT: resultFile }, log });
      servers.push(server);
      if (part('suite')) await suitePart({ server, temp, resultFile });
      if (part('e2e')) await e2ePart({ server, temp });
    }
    if (part('untrusted')) await untrustedPart({ csDir, temp, servers });
    if (part('types')) await typesPart({ csDir, temp, servers });
  } catch (e) {
    results.push({ name: 'harness', ok: false, error: String(e && e.stack ? e.stack : e) });
    log(`✘ harness: ${e && e.message ? e.message : e}`);
  } finally {
    await stopAll();
    if (results.some((r) => !r.ok)) printExtensionLogs(temp);
    if (process.env.GRADLENS_KEEP_STATE === '1') log(`kept the servers' state in ${temp} (GRADLENS_KEEP_STATE=1)`);
    else fs.rmSync(temp, { recursive: true, force: true });
  }
  const failed = results.filter((r) => !r.ok);
  log(`screenshots: ${SHOTS}`);
  console.log(`${results.length - failed.length} passed, ${failed.length} failed`);
  process.exit(failed.length ? 1 : 0);
}

main();
