// Three kinds of bundle: as in vscode-extension-samples/esbuild-sample, the extension and its analysis worker
// (node, cjs, `vscode` external) and the graph panel (browser, iife); and the TypeScript server plugin
// (node, cjs: tsserver require()s it from the .vsix's node_modules; see packages/vsix.mjs).
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = { bundle: true, minify: production, sourcemap: !production, logLevel: 'warning' };

const targets = [
  {
    ...common,
    entryPoints: { extension: 'extension/host/extension.ts', worker: 'extension/worker.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: { webview: 'webview/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    ...common,
    entryPoints: { index: 'packages/tsserver-plugin/src/index.ts' },
    outdir: 'packages/tsserver-plugin/dist',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
  },
];

if (watch) {
  for (const t of targets) await (await esbuild.context(t)).watch();
} else {
  await Promise.all(targets.map((t) => esbuild.build(t)));
}
