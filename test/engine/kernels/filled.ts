import type { FloatArray } from '../../../engine/kernels/gemm';

/** Deterministic pseudo-random values in [-1, 1) (an LCG), so a kernel test's failure reproduces. */
export function filled(len: number, seed: number, ctor: Float64ArrayConstructor | Float32ArrayConstructor = Float64Array): FloatArray {
  const out = new ctor(len);
  let s = seed >>> 0;
  for (let i = 0; i < len; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s / 2 ** 32) * 2 - 1;
  }
  return out;
}
