// @ts-check
// What generated code (new Function over the op table's expressions) buys, measured in one process
// with the alternatives alternating: `node bench/codegen.mjs [--quick]`. Each line is `@@bench {json}`.
// - eager kernel: the generated same-shape loop vs one shared loop calling a per-op closure per
//   element (what a table of JS functions instead of expression texts would give; the shared loop
//   sees every op, so its call is megamorphic as in the engine);
// - fused W1 backward: the engine with fusion (one generated loop) vs fusion off (an eager pass per op:
//   the fastest way to run the same DAG without generating its loop);
// - scalar chain (W4's x*c+d, 10,000 repetitions): the generated sweep and record vs the same engine
//   calling one generated VJP function per slot is measured by bench/w4-probe.mjs across builds and
//   reported in docs/engine.md; here the per-slot closure call is measured in isolation.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { median } from './lib/timing.mjs';

const require = createRequire(import.meta.url);
const g = require('../out/engine/index.js');
const { binaryKernelOf } = require('../out/engine/ops/derive.js');
const { fusion } = require('../out/engine/lazy/node.js');
const quick = process.argv.includes('--quick');
/** A record (lib/types.d.ts) as one `@@bench` line. @param {object} obj */
const emit = (obj) => process.stdout.write(`@@bench ${JSON.stringify(obj)}\n`);
const ROUNDS = quick ? 5 : 15;

/** Milliseconds per call of f over `reps` calls. @param {() => unknown} f @param {number} reps */
function time(f, reps) {
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) f();
  return (performance.now() - t0) / reps;
}

/**
 * Alternate the variants, ROUNDS times; median ms per call of each.
 * @param {string} name @param {Record<string, () => unknown>} variants @param {number} reps
 */
function compare(name, variants, reps) {
  /** @type {Record<string, number[]>} */
  const ms = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (const f of Object.values(variants)) time(f, reps); // warm-up
  for (let r = 0; r < ROUNDS; r++) for (const [k, f] of Object.entries(variants)) ms[k].push(time(f, reps));
  emit({ kind: 'codegen', name, medianMs: Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, median(v)])) });
}

// ---- eager kernel ----
const N = 1 << 20;
const a = Float64Array.from({ length: N }, (_, i) => Math.sin(i)), b = Float64Array.from({ length: N }, (_, i) => Math.cos(i)), out = new Float64Array(N);
const generated = binaryKernelOf('mul');
/**
 * One loop for every op: the per-element call cannot be inlined once several ops went through it.
 * @param {(x: number, y: number) => number} f @param {Float64Array} x @param {Float64Array} y @param {Float64Array} o @param {number} n
 */
function shared(f, x, y, o, n) {
  for (let i = 0; i < n; i++) o[i] = f(x[i], y[i]);
}
/** @type {((x: number, y: number) => number)[]} */
const closures = [(x, y) => x * y, (x, y) => x + y, (x, y) => x - y, (x, y) => x / y, (x, y) => Math.pow(x, y)];
for (const f of closures) shared(f, a, b, out, 1024); // as in the engine: many ops share the loop
compare('eager mul, 2^20 float64 elements', {
  generated: () => generated.same(a, b, out, N),
  closure: () => shared(closures[0], a, b, out, N),
}, quick ? 3 : 10);

// ---- fused W1 backward vs one eager pass per op ----
const n1 = 1_000_000;
/** @param {number} k */
const leaf = (k) => g.fromFlat(Float64Array.from({ length: n1 }, (_, i) => Math.sin(i * k)), [n1], { requiresGrad: true, dtype: 'float64' });
const [la, lb, lc] = [leaf(1), leaf(2), leaf(3)];
const w1 = () => {
  for (const l of [la, lb, lc]) l.zeroGrad();
  la.mul(lb).add(lc).tanh().mul(la).sum().backward();
};
const saved = fusion.minElements;
compare('W1 forward+backward, 1e6 float64', {
  fused: () => { fusion.minElements = saved; w1(); },
  eager: () => { fusion.minElements = Infinity; w1(); },
}, quick ? 2 : 4);
fusion.minElements = saved;

// ---- a per-slot call, as a sweep without its generated switch would make ----
const io = new Float64Array(6);
/** @type {((x: Float64Array) => number)[]} */
const vjps = [(x) => { x[4] = x[3] * x[1]; return 1; }, (x) => { x[4] = x[3]; return 0; }, (x) => { x[4] = -x[3]; return 1; }, (x) => { x[4] = x[3] / x[1]; return 1; }];
const codes = Int32Array.from({ length: 20000 }, (_, i) => i & 1);
compare('20,000 slot VJPs of a mul/add chain', {
  inline: () => { let n = 0; for (let k = 0; k < codes.length; k++) { io[3] = k; io[1] = 1.0001; switch (codes[k]) { case 0: io[4] = io[3] * io[1]; n++; break; case 1: io[4] = io[3]; break; } } return n; },
  call: () => { let n = 0; for (let k = 0; k < codes.length; k++) { io[3] = k; io[1] = 1.0001; n += vjps[codes[k]](io); } return n; },
}, quick ? 50 : 200);
