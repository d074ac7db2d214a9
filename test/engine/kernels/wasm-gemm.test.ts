import * as assert from 'assert';
import { gemmJs } from '../../../engine/kernels/gemm';
import type { FloatArray } from '../../../engine/kernels/gemm';
import { gemmWasm, wasmGemmAvailable, wasmGemmModuleBytes } from '../../../engine/kernels/wasm-gemm';
import { filled } from './filled';


/** Textbook triple loop over explicitly indexed op(A), op(B). */
function naive(m: number, n: number, k: number, a: FloatArray, aOff: number, tA: boolean,
  b: FloatArray, bOff: number, tB: boolean, c0: ArrayLike<number>, acc: boolean): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += (tA ? a[aOff + p * m + i] : a[aOff + i * k + p]) * (tB ? b[bOff + j * k + p] : b[bOff + p * n + j]);
      c[i * n + j] = (acc ? c0[i * n + j] : 0) + s;
    }
  }
  return c;
}

function check(m: number, n: number, k: number, tA: boolean, tB: boolean, acc: boolean, f32: boolean, seed: number): void {
  const ctor = f32 ? Float32Array : Float64Array;
  const a = filled(2 + m * k, seed, ctor), b = filled(3 + k * n, seed + 1, ctor), c = filled(5 + m * n, seed + 2, ctor);
  const before = Array.from(c);
  const want = naive(m, n, k, a, 2, tA, b, 3, tB, c.subarray(5), acc);
  assert.strictEqual(gemmWasm(m, n, k, a, 2, tA, b, 3, tB, c, 5, acc), true);
  for (let i = 0; i < 5; i++) assert.strictEqual(c[i], before[i], 'wrote before cOff');
  const tol = (f32 ? 1e-5 : 1e-12) * Math.max(1, k);
  for (let i = 0; i < m * n; i++) {
    const exp = f32 ? Math.fround(want[i]) : want[i];
    assert.ok(Math.abs(c[5 + i] - exp) <= tol * (1 + Math.abs(exp)), `${m}x${n}x${k} tA=${tA} tB=${tB} acc=${acc} f32=${f32}: C[${i}] = ${c[5 + i]}, expected ${exp}`);
  }
}

describe('kernels/wasm-gemm', () => {
  it('assembles a valid module and instantiates it in Node', () => {
    assert.ok(WebAssembly.validate(wasmGemmModuleBytes()));
    assert.strictEqual(wasmGemmAvailable(), true);
  });
  const sizes: Array<[number, number, number]> = [[1, 1, 1], [3, 5, 2], [4, 4, 4], [7, 9, 5], [33, 31, 29], [130, 70, 300], [5, 6, 0]];
  for (const [m, n, k] of sizes) {
    for (const tA of [false, true]) {
      for (const tB of [false, true]) {
        it(`${m}x${n}x${k} tA=${tA} tB=${tB}, = and +=, float64 and float32`, () => {
          check(m, n, k, tA, tB, false, false, m + 7 * n);
          check(m, n, k, tA, tB, true, false, m + 11 * k);
          check(m, n, k, tA, tB, true, true, n + 13 * k);
        });
      }
    }
  }
  it('grows its memory for a larger problem after a small one', () => {
    check(2, 2, 2, false, false, false, false, 1);
    check(300, 260, 520, false, true, false, false, 2);
  });
  it('declines (returns false) a problem past its memory cap, so gemm falls back to JS', () => {
    const big = new Float64Array(1);
    assert.strictEqual(gemmWasm(6000, 6000, 1, big, 0, false, big, 0, false, big, 0, false), false);
  });
  it('is bit-identical to the JS gemm in float64 (same packing and summation order)', () => {
    for (const [m, n, k] of [[64, 64, 64], [100, 36, 300], [17, 23, 513]]) {
      const a = filled(m * k, m, Float64Array), b = filled(k * n, n, Float64Array);
      const cw = new Float64Array(m * n), cj = new Float64Array(m * n);
      gemmWasm(m, n, k, a, 0, false, b, 0, false, cw, 0, false);
      gemmJs(m, n, k, a, 0, false, b, 0, false, cj, 0, false);
      assert.deepStrictEqual(cw, cj);
    }
  });
});
