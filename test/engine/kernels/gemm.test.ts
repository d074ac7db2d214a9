import * as assert from 'assert';
import { gemm, gemmJs, FloatArray } from '../../../engine/kernels/gemm';
import { filled } from './filled';

type Gemm = typeof gemm;


/** Reference: the textbook triple loop over explicitly indexed op(A), op(B). */
function naive(m: number, n: number, k: number, a: FloatArray, aOff: number, tA: boolean,
  b: FloatArray, bOff: number, tB: boolean, c0: Float64Array, acc: boolean): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) {
        const av = tA ? a[aOff + p * m + i] : a[aOff + i * k + p];
        const bv = tB ? b[bOff + j * k + p] : b[bOff + p * n + j];
        s += av * bv;
      }
      c[i * n + j] = (acc ? c0[i * n + j] : 0) + s;
    }
  }
  return c;
}

function check(g: Gemm, m: number, n: number, k: number, tA: boolean, tB: boolean, acc: boolean, f32: boolean, seed: number): void {
  const ctor = f32 ? Float32Array : Float64Array;
  const aOff = 3, bOff = 5, cOff = 7;
  const a = filled(aOff + m * k, seed, ctor), b = filled(bOff + k * n, seed + 1, ctor);
  const c = filled(cOff + m * n, seed + 2, ctor);
  const c0 = Float64Array.from(c.subarray(cOff));
  const want = naive(m, n, k, a, aOff, tA, b, bOff, tB, c0, acc);
  g(m, n, k, a, aOff, tA, b, bOff, tB, c, cOff, acc);
  const tol = (f32 ? 1e-5 : 1e-12) * Math.max(1, k);
  for (let i = 0; i < cOff; i++) assert.strictEqual(c[i], filled(cOff + m * n, seed + 2, ctor)[i], 'wrote before cOff');
  for (let i = 0; i < m * n; i++) {
    const got = c[cOff + i], exp = f32 ? Math.fround(want[i]) : want[i];
    assert.ok(Math.abs(got - exp) <= tol * (1 + Math.abs(exp)),
      `m=${m} n=${n} k=${k} tA=${tA} tB=${tB} acc=${acc} f32=${f32}: C[${i}] = ${got}, expected ${exp}`);
  }
}

for (const [label, g] of [['gemm (WebAssembly where available)', gemm], ['gemmJs (pure JS)', gemmJs]] as const) describe(`kernels/${label}`, () => {
  const sizes: Array<[number, number, number]> = [
    [1, 1, 1], [1, 7, 3], [5, 1, 9], [3, 4, 1], [4, 4, 4], [7, 9, 5], [13, 17, 11],
    [33, 31, 29], [64, 65, 67], [130, 70, 300], [257, 9, 260], [6, 530, 7],
  ];
  for (const [m, n, k] of sizes) {
    for (const tA of [false, true]) {
      for (const tB of [false, true]) {
        it(`float64 ${m}x${n}x${k} tA=${tA} tB=${tB}`, () => {
          check(g, m, n, k, tA, tB, false, false, m * 31 + n);
          check(g, m, n, k, tA, tB, true, false, m * 37 + k);
        });
      }
    }
  }
  it('float32 storage accumulates in float64 and rounds on store', () => {
    for (const tA of [false, true]) for (const tB of [false, true]) {
      check(g, 37, 41, 300, tA, tB, false, true, 11);
      check(g, 9, 5, 3, tA, tB, true, true, 12);
    }
  });
  it('k = 0 zeroes C, or leaves it when accumulating', () => {
    const c = new Float64Array([1, 2, 3, 4]);
    g(2, 2, 0, new Float64Array(0), 0, false, new Float64Array(0), 0, false, c, 0, true);
    assert.deepStrictEqual(Array.from(c), [1, 2, 3, 4]);
    g(2, 2, 0, new Float64Array(0), 0, false, new Float64Array(0), 0, false, c, 0, false);
    assert.deepStrictEqual(Array.from(c), [0, 0, 0, 0]);
  });
  it('random sizes against the naive loop', () => {
    for (let t = 0; t < 40; t++) {
      const r = filled(6, 100 + t, Float64Array).map((x) => Math.floor((x + 1) * 20) + 1);
      check(g, r[0], r[1], r[2], r[3] > 20, r[4] > 20, r[5] > 20, false, t);
    }
  });
});
