// Prototype for issue 6 item 4 — what goes past pure JS: the same packed 4×4 GEMM as
// engine/kernels/gemm.ts, with the micro-kernel loop in WebAssembly SIMD (f64x2, float64).
// JS packs op(A)/op(B) into the module's memory; one wasm call runs every tile of a block.
// `node bench/prototypes/wasm-gemm.mjs [--quick]` prints `@@bench {"kind":"proto",...}` lines:
// GFLOP/s of C = A·B (n×n, float64) for the wasm kernel and for the JS kernel, and their max difference.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { uniform } from '../lib/cases.mjs';
import { median } from '../lib/timing.mjs';

const require = createRequire(import.meta.url);
const KC = 256, MC = 128;

/** Compiles wasm-gemm.wat with wabt (a bench-only dependency) and returns gemm(m, n, k, A, B, C). */
export async function loadWasmGemm() {
  const wabt = await require('wabt')();
  const wat = readFileSync(new URL('./wasm-gemm.wat', import.meta.url), 'utf8');
  const { buffer } = wabt.parseWat('wasm-gemm.wat', wat, { simd: true }).toBinary({});
  const { instance } = await WebAssembly.instantiate(buffer);
  const { mem, macro } = instance.exports;
  /** C[m×n] = A[m×k]·B[k×n], row-major float64, m and n multiples of 4 (prototype limits). */
  return function gemm(m, n, k, A, B, C) {
    const aBytes = MC * KC * 8, bBytes = KC * n * 8, cBytes = m * n * 8;
    const need = aBytes + bBytes + cBytes;
    if (mem.buffer.byteLength < need) mem.grow(Math.ceil((need - mem.buffer.byteLength) / 65536));
    const f64 = new Float64Array(mem.buffer);
    const aPtr = 0, bPtr = aBytes, cPtr = aBytes + bBytes;
    f64.fill(0, cPtr / 8, cPtr / 8 + m * n);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      pack(B, pc * n, 1, n, n, kc, f64, bPtr / 8);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        pack(A, ic * k + pc, k, 1, mc, kc, f64, aPtr / 8);
        macro(kc, mc / 4, n / 4, aPtr, bPtr, cPtr + ic * n * 8, n);
      }
    }
    C.set(f64.subarray(cPtr / 8, cPtr / 8 + m * n));
  };
}

/** Groups of 4 lanes interleaved per p (element (l, p) at src[base + l·laneStride + p·pStride]). */
function pack(src, base, laneStride, pStride, lanes, kc, out, o) {
  for (let l = 0; l < lanes; l += 4) {
    const s0 = base + l * laneStride, s1 = s0 + laneStride, s2 = s1 + laneStride, s3 = s2 + laneStride;
    for (let p = 0, q = 0; p < kc; p++, q += pStride, o += 4) {
      out[o] = src[s0 + q]; out[o + 1] = src[s1 + q]; out[o + 2] = src[s2 + q]; out[o + 3] = src[s3 + q];
    }
  }
}

/** Median GFLOP/s of each kernel; samples alternate between them so load bursts hit both alike. */
function pairedGflops(fns, n, samples) {
  for (const fn of fns) for (let i = 0; i < 2; i++) fn();
  const times = fns.map(() => []);
  for (let s = 0; s < samples; s++) {
    fns.forEach((fn, i) => {
      const t0 = performance.now();
      fn();
      times[i].push(performance.now() - t0);
    });
  }
  return times.map((t) => (2 * n ** 3) / (median(t) * 1e6));
}

async function main() {
  const quick = process.argv.includes('--quick');
  const wasmGemm = await loadWasmGemm();
  const { gemm } = require('../../out/engine/kernels/gemm.js');
  for (const n of [64, 128, 256, 512]) {
    const A = uniform(n * n, 10 + n), B = uniform(n * n, 20 + n);
    const Cw = new Float64Array(n * n), Cj = new Float64Array(n * n);
    const samples = quick ? 3 : n >= 512 ? 7 : 15;
    const [wasm, js] = pairedGflops([() => wasmGemm(n, n, n, A, B, Cw), () => gemm(n, n, n, A, 0, false, B, 0, false, Cj, 0, false)], n, samples);
    let maxErr = 0;
    for (let i = 0; i < n * n; i++) maxErr = Math.max(maxErr, Math.abs(Cw[i] - Cj[i]));
    process.stdout.write(`@@bench ${JSON.stringify({ kind: 'proto', n, wasmGflops: wasm, jsGflops: js, maxErr })}\n`);
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  main().catch((e) => {
    process.stdout.write(`@@bench ${JSON.stringify({ kind: 'fatal', error: String(e?.message ?? e) })}\n`);
    process.exitCode = 1;
  });
}
