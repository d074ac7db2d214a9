/**
 * General matrix multiply on dense row-major buffers:
 *   C[m×n] (+)= op(A)[m×k] · op(B)[k×n],  op(X) = Xᵀ when the flag is set.
 * Leading dimensions follow from the flags: lda = transA ? m : k, ldb = transB ? k : n, ldc = n.
 * Sums are accumulated in float64 and rounded once on store (matters for Float32Array outputs).
 *
 * Speed of the pure-JS kernel: the classic Goto/BLIS layering. op(A) and op(B) are packed into
 * contiguous float64 panels (which also makes all four transpose cases equally fast: only the packing
 * reads strided memory), then a 4×4 register-blocked micro-kernel keeps 16 sums in locals and does
 * 16 multiply-adds per 8 loads. KC×NR and MR×KC micro-panels fit L1, the MC×KC block of A fits L2.
 */
export type FloatArray = Float32Array | Float64Array;
import { KC, MC, packA, packB, roundUp } from './pack';
import { gemmWasm } from './wasm-gemm';

const MR = 4;
const NR = 4;
const NC = 512;
/** Below this many multiply-adds, packing costs more than it saves. */
const SMALL_WORK = 16 * 16 * 16;

/**
 * The engine's gemm: the WebAssembly SIMD kernel (wasm-gemm.ts, same packing and float64
 * summation order, ~3x faster) when the runtime has it, else the pure-JS kernel below. Tiny
 * problems take the dot-product loop either way.
 */
export function gemm(
  m: number, n: number, k: number,
  a: FloatArray, aOff: number, transA: boolean,
  b: FloatArray, bOff: number, transB: boolean,
  c: FloatArray, cOff: number, accumulate: boolean,
): void {
  if (m > 0 && n > 0 && k > 0 && m * n * k > SMALL_WORK && gemmWasm(m, n, k, a, aOff, transA, b, bOff, transB, c, cOff, accumulate)) return;
  gemmJs(m, n, k, a, aOff, transA, b, bOff, transB, c, cOff, accumulate);
}

/** The pure-JS gemm (also the hand-written limit of the benchmark). */
export function gemmJs(
  m: number, n: number, k: number,
  a: FloatArray, aOff: number, transA: boolean,
  b: FloatArray, bOff: number, transB: boolean,
  c: FloatArray, cOff: number, accumulate: boolean,
): void {
  if (m <= 0 || n <= 0) return;
  if (k <= 0) {
    if (!accumulate) c.fill(0, cOff, cOff + m * n);
    return;
  }
  if (m * n * k <= SMALL_WORK) {
    gemmSimple(m, n, k, a, aOff, transA, b, bOff, transB, c, cOff, accumulate);
    return;
  }
  if (c instanceof Float64Array) {
    gemmBlocked(m, n, k, a, aOff, transA, b, bOff, transB, c, cOff, accumulate);
    return;
  }
  // float32 output: sum across all k-blocks in a float64 buffer, round once when copying back.
  const c64 = accumulate ? Float64Array.from(c.subarray(cOff, cOff + m * n)) : new Float64Array(m * n);
  gemmBlocked(m, n, k, a, aOff, transA, b, bOff, transB, c64, 0, accumulate);
  c.set(c64, cOff);
}

/** Dot-product form for tiny problems; each C entry is one float64 sum, stored once. */
function gemmSimple(
  m: number, n: number, k: number,
  a: FloatArray, aOff: number, transA: boolean,
  b: FloatArray, bOff: number, transB: boolean,
  c: FloatArray, cOff: number, accumulate: boolean,
): void {
  // element (i,p) of op(A) and (p,j) of op(B) as strides into the raw buffers
  const aRow = transA ? 1 : k, aCol = transA ? m : 1;
  const bRow = transB ? 1 : n, bCol = transB ? k : 1;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = accumulate ? c[cOff + i * n + j] : 0;
      let ai = aOff + i * aRow, bi = bOff + j * bCol;
      for (let p = 0; p < k; p++, ai += aCol, bi += bRow) s += a[ai] * b[bi];
      c[cOff + i * n + j] = s;
    }
  }
}

function gemmBlocked(
  m: number, n: number, k: number,
  a: FloatArray, aOff: number, transA: boolean,
  b: FloatArray, bOff: number, transB: boolean,
  c: Float64Array, cOff: number, accumulate: boolean,
): void {
  const kcMax = Math.min(KC, k);
  const ncMax = Math.min(NC, roundUp(n, NR));
  const mcMax = Math.min(MC, roundUp(m, MR));
  // one scratch buffer for both packed blocks: B's block first, then A's (the micro-kernel then
  // reads a single array, which frees a register and measured ~5% faster than two arrays)
  const pack = new Float64Array(kcMax * ncMax + mcMax * kcMax);
  const aBase = kcMax * ncMax;
  const tile = new Float64Array(MR * NR);
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      const add = accumulate || pc > 0;
      packB(b, bOff, transB, n, k, pc, kc, jc, nc, pack, 0);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        packA(a, aOff, transA, m, k, ic, mc, pc, kc, pack, aBase);
        for (let jr = 0; jr < nc; jr += NR) {
          const cols = Math.min(NR, nc - jr);
          for (let ir = 0; ir < mc; ir += MR) {
            const rows = Math.min(MR, mc - ir);
            const cIdx = cOff + (ic + ir) * n + jc + jr;
            micro(kc, pack, aBase + ir * kc, jr * kc, c, cIdx, n, rows, cols, add, tile);
          }
        }
      }
    }
  }
}

/** C[rows×cols] (+)= Apanel[MR×kc] · Bpanel[kc×NR] (both in `pk`); sums live in 16 locals (register blocking). */
function micro(kc: number, pk: Float64Array, ai: number, bi: number,
  c: Float64Array, ci: number, ldc: number, rows: number, cols: number, add: boolean,
  tile: Float64Array): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  // one induction variable for both panels (they advance in lockstep): fewer live registers
  const end = ai + 4 * kc, d = bi - ai;
  for (let q = ai; q < end; q += 4) {
    const r = q + d;
    const a0 = pk[q], a1 = pk[q + 1], a2 = pk[q + 2], a3 = pk[q + 3];
    const b0 = pk[r], b1 = pk[r + 1], b2 = pk[r + 2], b3 = pk[r + 3];
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
  }
  if (rows === 4 && cols === 4) {
    if (add) {
      c[ci] += c00; c[ci + 1] += c01; c[ci + 2] += c02; c[ci + 3] += c03; ci += ldc;
      c[ci] += c10; c[ci + 1] += c11; c[ci + 2] += c12; c[ci + 3] += c13; ci += ldc;
      c[ci] += c20; c[ci + 1] += c21; c[ci + 2] += c22; c[ci + 3] += c23; ci += ldc;
      c[ci] += c30; c[ci + 1] += c31; c[ci + 2] += c32; c[ci + 3] += c33;
    } else {
      c[ci] = c00; c[ci + 1] = c01; c[ci + 2] = c02; c[ci + 3] = c03; ci += ldc;
      c[ci] = c10; c[ci + 1] = c11; c[ci + 2] = c12; c[ci + 3] = c13; ci += ldc;
      c[ci] = c20; c[ci + 1] = c21; c[ci + 2] = c22; c[ci + 3] = c23; ci += ldc;
      c[ci] = c30; c[ci + 1] = c31; c[ci + 2] = c32; c[ci + 3] = c33;
    }
    return;
  }
  // edge tile: spill to a small buffer and store only the valid part
  tile[0] = c00; tile[1] = c01; tile[2] = c02; tile[3] = c03;
  tile[4] = c10; tile[5] = c11; tile[6] = c12; tile[7] = c13;
  tile[8] = c20; tile[9] = c21; tile[10] = c22; tile[11] = c23;
  tile[12] = c30; tile[13] = c31; tile[14] = c32; tile[15] = c33;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = tile[i * NR + j];
      c[ci + i * ldc + j] = add ? c[ci + i * ldc + j] + v : v;
    }
  }
}
