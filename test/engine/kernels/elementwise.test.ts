import * as assert from 'assert';
import { addInto, sigmoidBackward, sumAll, tanhBackward } from '../../../engine/kernels/elementwise';
import { filled } from './filled';


const LENGTHS = [0, 1, 2, 3, 4, 5, 7, 8, 9, 1000, 1003];

describe('kernels/elementwise', () => {
  describe('sumAll', () => {
    for (const n of LENGTHS) {
      it(`n=${n} matches a plain running sum, with an offset`, () => {
        const a = filled(n + 6, n + 1);
        let want = 0;
        for (let i = 3; i < 3 + n; i++) want += a[i];
        assert.ok(Math.abs(sumAll(a, 3, n) - want) <= 1e-12 * Math.max(1, n));
      });
    }
    it('is exact on integers and reads float32 storage', () => {
      const a = Float32Array.from({ length: 1001 }, (_, i) => i);
      assert.strictEqual(sumAll(a, 0, a.length), 1000 * 1001 / 2);
    });
  });

  describe('tanhBackward / sigmoidBackward', () => {
    for (const n of LENGTHS) {
      it(`n=${n}: tanh' and sigmoid' agree with central differences of Math.tanh and the logistic`, () => {
        const x = filled(n, 7 + n), g = filled(n, 11 + n);
        const y = x.map(Math.tanh), s = x.map((v) => 1 / (1 + Math.exp(-v)));
        const ot = new Float64Array(n), os = new Float64Array(n);
        tanhBackward(g, y, ot, n);
        sigmoidBackward(g, s, os, n);
        const h = 1e-6;
        for (let i = 0; i < n; i++) {
          const dt = (Math.tanh(x[i] + h) - Math.tanh(x[i] - h)) / (2 * h);
          const sg = (v: number): number => 1 / (1 + Math.exp(-v));
          const ds = (sg(x[i] + h) - sg(x[i] - h)) / (2 * h);
          assert.ok(Math.abs(ot[i] - g[i] * dt) < 1e-8, `tanh' at ${x[i]}`);
          assert.ok(Math.abs(os[i] - g[i] * ds) < 1e-8, `sigmoid' at ${x[i]}`);
        }
      });
    }
    it('rounds once into a Float32Array output', () => {
      const g = filled(64, 3, Float32Array), y = filled(64, 4, Float32Array), out = new Float32Array(64);
      tanhBackward(g, y, out, 64);
      for (let i = 0; i < 64; i++) assert.strictEqual(out[i], Math.fround(g[i] * (1 - y[i] * y[i])));
    });
  });

  describe('addInto', () => {
    it('adds elementwise and leaves the rest of dst alone', () => {
      const d = Float64Array.from([1, 2, 3, 4]), s = Float64Array.from([10, 20, 30, 40]);
      addInto(d, s, 3);
      assert.deepStrictEqual(Array.from(d), [11, 22, 33, 4]);
    });
  });
});
