// @ts-check
// Issue 6 item 4 — what goes past pure JS: the engine's two gemm kernels side by side,
// engine/kernels/gemm.ts `gemmJs` (register-blocked pure JS, the benchmark's limit) and
// engine/kernels/wasm-gemm.ts `gemmWasm` (the same packing with the tile loop in WebAssembly SIMD).
// `node bench/gemm-kernels.mjs [--quick]` prints `@@bench {"kind":"proto",...}` lines: median GFLOP/s
// of C = A·B (n×n, float64), samples alternating between the kernels, and their max difference.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { uniform } from './lib/cases.mjs';
import { median } from './lib/timing.mjs';

const require = createRequire(import.meta.url);

/**
 * Median GFLOP/s of each kernel; samples alternate between them so load bursts hit both alike.
 * @param {(() => void)[]} fns @param {number} n @param {number} samples @returns {number[]}
 */
function pairedGflops(fns, n, samples) {
  for (const fn of fns) for (let i = 0; i < 2; i++) fn();
  const times = fns.map(() => /** @type {number[]} */ ([]));
  for (let s = 0; s < samples; s++) {
    fns.forEach((fn, i) => {
      const t0 = performance.now();
      fn();
      times[i].push(performance.now() - t0);
    });
  }
  return times.map((t) => (2 * n ** 3) / (median(t) * 1e6));
}

function main() {
  const quick = process.argv.includes('--quick');
  const { gemmJs } = require('../out/engine/kernels/gemm.js');
  const { gemmWasm, wasmGemmAvailable } = require('../out/engine/kernels/wasm-gemm.js');
  if (!wasmGemmAvailable()) throw new Error('WebAssembly SIMD is not available in this Node');
  for (const n of [64, 128, 256, 512]) {
    const A = uniform(n * n, 10 + n), B = uniform(n * n, 20 + n);
    const Cw = new Float64Array(n * n), Cj = new Float64Array(n * n);
    const samples = quick ? 3 : n >= 512 ? 7 : 15;
    const [wasm, js] = pairedGflops([
      () => gemmWasm(n, n, n, A, 0, false, B, 0, false, Cw, 0, false),
      () => gemmJs(n, n, n, A, 0, false, B, 0, false, Cj, 0, false),
    ], n, samples);
    let maxErr = 0;
    for (let i = 0; i < n * n; i++) maxErr = Math.max(maxErr, Math.abs(Cw[i] - Cj[i]));
    process.stdout.write(`@@bench ${JSON.stringify({ kind: 'proto', n, wasmGflops: wasm, jsGflops: js, maxErr })}\n`);
  }
}

try {
  main();
} catch (e) {
  process.stdout.write(`@@bench ${JSON.stringify({ kind: 'fatal', error: String(e?.message ?? e) })}\n`);
  process.exitCode = 1;
}
