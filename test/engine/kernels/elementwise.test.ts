import * as assert from 'assert';
import { addInto, sumAll } from '../../../engine/kernels/elementwise';
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

  describe('addInto', () => {
    it('adds elementwise and leaves the rest of dst alone', () => {
      const d = Float64Array.from([1, 2, 3, 4]), s = Float64Array.from([10, 20, 30, 40]);
      addInto(d, s, 3);
      assert.deepStrictEqual(Array.from(d), [11, 22, 33, 4]);
    });
  });
});
