// Builds the library package from engine/: CommonJS + declarations with tsc (tsconfig.lib.json, which
// strips members tagged @internal), then an ES-module entry that re-exports the same CommonJS module, so
// `import` and `require` share one copy of the engine (its grad mode, default dtype and RNG are global).
// Runs as `prepack`, so `npm pack` in this folder always packs a fresh build.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const dist = join(here, 'dist');
const require = createRequire(join(root, 'package.json'));

rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.lib.json')], { stdio: ['ignore', 2, 2] });

// Every name the CommonJS entry exports, as named ESM exports. Through local aliases, because some export
// names are reserved words (`var`, PyTorch's torch.var) that cannot be declared as bindings.
const names = Object.keys(require(join(dist, 'index.js'))).filter((n) => n !== '__esModule').sort();
const esm = [
  '// The ES-module entry: the CommonJS build, re-exported (one engine for import and require).',
  "import cjs from './index.js';",
  ...names.map((n, i) => `const e${i} = cjs[${JSON.stringify(n)}];`),
  `export { ${names.map((n, i) => `e${i} as ${n}`).join(', ')} };`,
  '',
].join('\n');
writeFileSync(join(dist, 'index.mjs'), esm);
writeFileSync(join(dist, 'index.d.mts'), "export * from './index.js';\n");
console.error(`gradlens: built ${dist} (${names.length} exports)`);
