// Packages the extension into a .vsix that carries its TypeScript server plugin.
//
// tsserver loads a contributed plugin only from `<extension>/node_modules/<name>`, and `vsce package
// --no-dependencies` never packs a node_modules folder. So the .vsix is built from a staging folder: the
// files .vscodeignore selects in the repo (the bundles, media, manifest, README, ...), plus
// node_modules/gradlens-tsserver-plugin (its bundle and the library's declarations), declared as the
// manifest's one dependency so that vsce's dependency mode packs exactly that folder.
//
// Needs a build first (`npm run build`, or esbuild.mjs --production for the release bundles).
// Usage: node packages/vsix.mjs [--out FILE.vsix]   (default: gradlens.vsix in the repo)
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PLUGIN = join(ROOT, 'packages', 'tsserver-plugin');
const LIB_DIST = join(ROOT, 'packages', 'gradlens', 'dist');
const vsce = createRequire(join(ROOT, 'package.json'))('@vscode/vsce');

const readJson = (f) => JSON.parse(readFileSync(f, 'utf8'));

function argOut() {
  const i = process.argv.indexOf('--out');
  return resolve(i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : join(ROOT, 'gradlens.vsix'));
}

function requireBuilt() {
  const need = [join(ROOT, 'dist', 'extension.js'), join(PLUGIN, 'dist', 'index.js'), join(LIB_DIST, 'index.d.ts')];
  const missing = need.filter((f) => !existsSync(f));
  if (missing.length) throw new Error(`vsix: missing ${missing.join(', ')}: run \`npm run build\` first`);
}

/** The plugin as tsserver finds it: package.json, dist/index.js and gradlens/*.d.ts (index.d.ts its entry). */
function stagePlugin(stage) {
  const plugin = readJson(join(PLUGIN, 'package.json'));
  const dir = join(stage, 'node_modules', plugin.name);
  mkdirSync(join(dir, 'dist'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(plugin, null, 2)}\n`);
  cpSync(join(PLUGIN, 'dist', 'index.js'), join(dir, 'dist', 'index.js'));
  // Only the declarations (tsserver reads index.d.ts and what it imports); the JS runs nowhere in the editor.
  cpSync(LIB_DIST, join(dir, 'gradlens'), { recursive: true, filter: (src) => statSync(src).isDirectory() || src.endsWith('.d.ts') });
  return plugin;
}

async function main() {
  requireBuilt();
  const out = argOut();
  const stage = mkdtempSync(join(tmpdir(), 'gradlens-vsix-'));
  try {
    const files = await vsce.listFiles({ cwd: ROOT, packageManager: vsce.PackageManager.None });
    for (const f of files) cpSync(join(ROOT, f), join(stage, f));
    cpSync(join(ROOT, '.vscodeignore'), join(stage, '.vscodeignore'));
    const plugin = stagePlugin(stage);
    const manifest = readJson(join(ROOT, 'package.json'));
    // Everything else the extension runs is bundled by esbuild.mjs; a runtime dependency would not be staged.
    if (Object.keys(manifest.dependencies ?? {}).length) throw new Error(`vsix: package.json has dependencies (${Object.keys(manifest.dependencies).join(', ')}); the extension must bundle them`);
    manifest.dependencies = { [plugin.name]: plugin.version };
    writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await vsce.createVSIX({ cwd: stage, packagePath: out, dependencies: true, useYarn: false });
    const dts = readdirSync(join(stage, 'node_modules', plugin.name, 'gradlens'), { recursive: true }).filter((f) => String(f).endsWith('.d.ts'));
    console.error(`vsix: ${out} with ${plugin.name} and ${dts.length} declaration files`);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e && e.message ? e.message : e);
  process.exit(1);
});
