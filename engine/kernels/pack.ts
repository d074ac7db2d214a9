/**
 * Packing shared by the JS and the WebAssembly gemm (gemm.ts, wasm-gemm.ts): op(A) and op(B)
 * copied into contiguous float64 micro-panels of 4 lanes, p-major, zero-padded to 4 lanes.
 */
import type { FloatArray } from './gemm';

/** Depth of a packed block (k) and rows of a packed A block (m). */
export const KC = 256;
export const MC = 128;

export function roundUp(x: number, to: number): number {
  return Math.ceil(x / to) * to;
}

/**
 * Packs op(B)[pc:pc+kc, jc:jc+nc] as consecutive kc×NR micro-panels, each stored p-major
 * (NR values per p), zero-padded to a multiple of NR columns.
 * op(B)[p][j] = transB ? B[j][p] (B is n×k) : B[p][j] (B is k×n).
 */
export function packB(b: FloatArray, bOff: number, transB: boolean, n: number, k: number,
  pc: number, kc: number, jc: number, nc: number, out: Float64Array, outOff: number): void {
  if (transB) packPanels(b, bOff + jc * k + pc, k, 1, nc, kc, out, outOff);
  else packPanels(b, bOff + pc * n + jc, 1, n, nc, kc, out, outOff);
}

/**
 * Packs op(A)[ic:ic+mc, pc:pc+kc] as MR×kc micro-panels, p-major (MR values per p), zero-padded.
 * op(A)[i][p] = transA ? A[p][i] (A is k×m) : A[i][p] (A is m×k).
 */
export function packA(a: FloatArray, aOff: number, transA: boolean, m: number, k: number,
  ic: number, mc: number, pc: number, kc: number, out: Float64Array, outOff: number): void {
  if (transA) packPanels(a, aOff + pc * m + ic, 1, m, mc, kc, out, outOff);
  else packPanels(a, aOff + ic * k + pc, k, 1, mc, kc, out, outOff);
}

/**
 * The one packing loop (MR = NR = 4): `lanes` rows or columns, element (lane l, step p) at
 * src[base + l·laneStride + p·pStride], written as groups of 4 lanes interleaved per p.
 * Full groups take a branch-free path with hoisted lane addresses (packing is ~20% of a gemm
 * with a small m, such as the MLP's 64×128×784, so it is worth keeping tight).
 */
function packPanels(src: FloatArray, base: number, laneStride: number, pStride: number,
  lanes: number, kc: number, out: Float64Array, o: number): void {
  for (let l = 0; l < lanes; l += 4) {
    const s0 = base + l * laneStride;
    if (lanes - l >= 4) {
      const s1 = s0 + laneStride, s2 = s1 + laneStride, s3 = s2 + laneStride;
      for (let p = 0, q = 0; p < kc; p++, q += pStride, o += 4) {
        out[o] = src[s0 + q];
        out[o + 1] = src[s1 + q];
        out[o + 2] = src[s2 + q];
        out[o + 3] = src[s3 + q];
      }
      continue;
    }
    const valid = lanes - l;
    for (let p = 0, q = 0; p < kc; p++, q += pStride) {
      for (let i = 0; i < 4; i++, o++) out[o] = i < valid ? src[s0 + i * laneStride + q] : 0;
    }
  }
}

