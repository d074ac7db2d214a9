// @ts-check
// The custom-Function check's cost: `node bench/function-check.mjs [file] [rounds]` times the analyzer on
// a file that calls a custom autograd.Function (default examples/custom-function.ts) with the automatic
// gradcheck on and off, alternating, in one process, and prints the medians, the time of the check
// itself (timed inside the run) and its share of the analysis without it.
// Needs `npx tsc -p .` (it loads out/).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { median } from './lib/timing.mjs';

const require = createRequire(import.meta.url);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const file = process.argv[2] ?? 'examples/custom-function.ts';
const rounds = Number(process.argv[3] ?? 20);
const { analyze } = require(path.join(root, 'out', 'extension', 'analysis', 'index.js'));
const check = require(path.join(root, 'out', 'extension', 'analysis', 'function-check.js'));
const real = check.checkFunctions;
/** @type {number[]} */
const checkMs = [];
/** The check, timed. @param {unknown} ctx the analyzer's run context */
const timedCheck = (ctx) => {
  const t0 = performance.now();
  real(ctx);
  checkMs.push(performance.now() - t0);
};
const source = readFileSync(path.join(root, file), 'utf8');

/** ms of one analysis of the file, with the check or without. @param {boolean} withCheck */
function time(withCheck) {
  check.checkFunctions = withCheck ? timedCheck : () => {};
  const t0 = performance.now();
  const trace = analyze(source, { fileName: file });
  const ms = performance.now() - t0;
  const checked = trace.diagnostics.some((/** @type {import('../extension/analysis/trace.js').Diagnostic} */ d) => d.code === 'gradcheck' || d.code === 'gradcheck-mismatch');
  if (checked !== withCheck) throw new Error(`the check ${withCheck ? 'did not run' : 'ran while switched off'}`);
  return ms;
}

for (let i = 0; i < 3; i++) { time(true); time(false); }
checkMs.length = 0;
const on = [], off = [];
for (let i = 0; i < rounds; i++) {
  if (i % 2 === 0) { on.push(time(true)); off.push(time(false)); } else { off.push(time(false)); on.push(time(true)); }
}
const a = median(on), b = median(off);
const c = median(checkMs);
console.log(`${file}: ${rounds} rounds, alternating; analysis with the check ${a.toFixed(1)} ms, without ${b.toFixed(1)} ms; the check itself ${c.toFixed(2)} ms (medians): ${(100 * c / b).toFixed(1)}% of the analysis without it`);
