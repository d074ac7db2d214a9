// @ts-check
// Starts and stops code-server (VS Code's workbench + Node extension host) for the integration tests.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

/** User settings for a test profile: no welcome page, tips, updates or marketplace stealing focus. @param {boolean} trusted */
function userSettings(trusted) {
  return {
    'workbench.startupEditor': 'none',
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.tips.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    // Trusted runs switch trust off entirely; the untrusted run turns it on and never grants it.
    'security.workspace.trust.enabled': !trusted,
    'security.workspace.trust.startupPrompt': 'never',
    'editor.hover.delay': 300,
    'window.restoreWindows': 'none',
    'files.hotExit': 'off',
    'git.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'typescript.validate.enable': false,
    'typescript.suggest.enabled': false,
  };
}

/** A TCP port nobody listens on right now (127.0.0.1). @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Polls /healthz until code-server answers; resolves with the ms it took. Throws when the process ends or time is up.
 * @param {number} port @param {number} pid @param {string} logFile @param {number} timeoutMs
 */
async function waitHealthy(port, pid, logFile, timeoutMs) {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (r.ok) return Date.now() - t0;
    } catch { /* not up yet */ }
    try { process.kill(pid, 0); } catch {
      throw new Error(`code-server exited during start:\n${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`code-server did not answer on port ${port} within ${timeoutMs} ms:\n${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
}

/**
 * Starts code-server on 127.0.0.1:port with all state under `state` (fresh user data, extensions, XDG dirs,
 * TMPDIR: unix socket paths must stay short). `settings` override the test profile's. Returns { port, pid, stop() }.
 * @param {{ csDir: string, state: string, trusted: boolean, env?: Record<string, string>, settings?: Record<string, unknown>,
 *   log?: import('./types').Log }} options
 * @returns {Promise<import('./types').Server>}
 */
async function startServer({ csDir, state, trusted, env = {}, settings = {}, log = console.log }) {
  const port = await freePort();
  for (const d of ['user-data/User', 'extensions', 'config', 'data', 'tmp']) fs.mkdirSync(path.join(state, d), { recursive: true });
  fs.writeFileSync(path.join(state, 'user-data/User/settings.json'), JSON.stringify({ ...userSettings(trusted), ...settings }, null, 2));
  const logFile = path.join(state, 'server.log');
  const out = fs.openSync(logFile, 'a');
  const args = [
    path.join(csDir, 'node_modules/code-server/out/node/entry.js'),
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--user-data-dir', path.join(state, 'user-data'), '--extensions-dir', path.join(state, 'extensions'),
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override',
    ...(trusted ? ['--disable-workspace-trust'] : []),
  ];
  const child = spawn(process.execPath, args, {
    detached: true, // its own process group, so stop() also ends the extension host and other children
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      XDG_CONFIG_HOME: path.join(state, 'config'),
      XDG_DATA_HOME: path.join(state, 'data'),
      TMPDIR: path.join(state, 'tmp'),
      EXTENSIONS_GALLERY: '{}', // no marketplace (open-vsx is unreachable here)
      ...env,
    },
  });
  fs.closeSync(out);
  const pid = /** @type {number} */ (child.pid);
  const stop = async () => {
    try { process.kill(-pid, 'SIGTERM'); } catch { return; }
    for (let i = 0; i < 50; i++) {
      try { process.kill(-pid, 0); } catch { return; }
      await new Promise((r) => setTimeout(r, 100));
    }
    try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ }
  };
  try {
    const ms = await waitHealthy(port, pid, logFile, 30000);
    log(`code-server ${trusted ? '(trusted)' : '(untrusted workspace)'} up on port ${port} in ${ms} ms, pid ${pid}`);
  } catch (e) {
    await stop();
    throw e;
  }
  return { port, pid, stop, logFile };
}

/**
 * Installs a .vsix into a state folder's extensions dir with code-server's own CLI.
 * @param {{ csDir: string, state: string, vsix: string }} where
 */
function installVsix({ csDir, state, vsix }) {
  const { execFileSync } = require('node:child_process');
  fs.mkdirSync(path.join(state, 'extensions'), { recursive: true });
  return execFileSync(process.execPath, [
    path.join(csDir, 'node_modules/code-server/out/node/entry.js'),
    '--user-data-dir', path.join(state, 'user-data'), '--extensions-dir', path.join(state, 'extensions'),
    '--install-extension', vsix,
  ], { encoding: 'utf8', env: { ...process.env, XDG_CONFIG_HOME: path.join(state, 'config'), XDG_DATA_HOME: path.join(state, 'data'), EXTENSIONS_GALLERY: '{}' } });
}

module.exports = { startServer, installVsix, freePort };
