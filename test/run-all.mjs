// `npm test`: every stage in order (build, lint, engine + analyzer, the library's npm package, graph panel in
// Chromium, extension in a real VS Code), each stage's own output passed through, then one closing line with
// the counts of all stages.
// A stage that fails still lets the later ones run, so one run shows everything that is broken.
import { spawn } from 'node:child_process';

const STAGES = [
  { name: 'build', script: 'build' },
  { name: 'lint', script: 'lint' },
  // bench/ and test/integration/ JavaScript, checked from their JSDoc (tsconfig.scripts.json)
  { name: 'scripts type-check', script: 'typecheck:scripts' },
  { name: 'engine + analyzer', script: 'test:unit' },
  // npm pack of the library, installed offline into an empty folder, run with node and type-checked.
  { name: 'library package (npm pack)', script: 'test:package' },
  // Debian's chromium (the panel's and the editor's browser) and code-server, installed when missing.
  { name: 'setup (chromium, code-server)', script: 'test:setup' },
  { name: 'graph panel (Chromium)', script: 'test:webview' },
  { name: 'extension (VS Code)', script: 'test:vscode' },
];

/** Counts from mocha's spec reporter ("12 passing", "1 failing", "2 pending") or a "N passed, M failed" line. */
function countsOf(output) {
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  const last = (re) => {
    const all = [...plain.matchAll(re)];
    return all.length ? Number(all[all.length - 1][1]) : 0;
  };
  const summary = [...plain.matchAll(/^\s*(\d+) passed, (\d+) failed/gm)].pop();
  if (summary) return { passed: Number(summary[1]), failed: Number(summary[2]), pending: 0 };
  return { passed: last(/^\s*(\d+) passing/gm), failed: last(/^\s*(\d+) failing/gm), pending: last(/^\s*(\d+) pending/gm) };
}

function run(script) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => { process.stderr.write(d); });
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

const only = process.env.GRADLENS_TEST_STAGES?.split(',').map((s) => s.trim());
const results = [];
for (const stage of STAGES) {
  if (only && !only.includes(stage.script)) continue;
  const t0 = Date.now();
  console.log(`\n=== ${stage.name} (npm run ${stage.script}) ===`);
  const { code, out } = await run(stage.script);
  results.push({ ...stage, code, seconds: (Date.now() - t0) / 1000, ...countsOf(out) });
  if ((stage.script === 'build' || stage.script === 'test:setup') && code !== 0) break; // nothing after it can run
}

console.log('\n=== summary ===');
for (const r of results) {
  const counts = r.passed + r.failed > 0 ? `${r.passed} passed, ${r.failed} failed${r.pending ? `, ${r.pending} pending` : ''}` : '';
  console.log(`${r.code === 0 ? 'ok  ' : 'FAIL'} ${r.name.padEnd(30)} ${counts.padEnd(30)} ${r.seconds.toFixed(1)} s`);
}
const failedStages = results.filter((r) => r.code !== 0);
const passed = results.reduce((n, r) => n + r.passed, 0);
// A stage that failed without a failing test (a build or lint error) still counts as one failure.
const failed = results.reduce((n, r) => n + (r.failed || (r.code !== 0 ? 1 : 0)), 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedStages.length ? 1 : 0);
