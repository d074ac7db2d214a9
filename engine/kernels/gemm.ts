/**
 * General matrix multiply on dense row-major buffers:
 *   C[m×n] (+)= op(A)[m×k] · op(B)[k×n],  op(X) = Xᵀ when the flag is set.
 * Leading dimensions follow from the flags: lda = transA ? m : k, ldb = transB ? k : n, ldc = n.
 * Sums are accumulated in float64 and rounded once on store (matters for Float32Array outputs).
 */
export type FloatArray = Float32Array | Float64Array;

export function gemm(
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
      for (let p = 0; p < k; p++) s += a[aOff + i * aRow + p * aCol] * b[bOff + p * bRow + j * bCol];
      c[cOff + i * n + j] = s;
    }
  }
}
