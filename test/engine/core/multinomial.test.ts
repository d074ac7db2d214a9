/** multinomial: the library's seeded draws (not torch's), checked by their distribution and rules. */
import * as assert from 'assert';
import { manualSeed, multinomial, tensor } from '../../../engine/index';

const w = (): ReturnType<typeof tensor> => tensor([0.1, 0.0, 0.6, 0.3]);

describe('engine: multinomial', () => {
  it('gives the same int64 draws after the same seed', () => {
    manualSeed(7);
    const a = multinomial(w(), 8, true);
    manualSeed(7);
    const b = multinomial(w(), 8, true);
    assert.strictEqual(a.dtype, 'int64');
    assert.deepStrictEqual(Array.from(a.dataSync()), Array.from(b.dataSync()));
  });

  it('draws with replacement in proportion to the weights, never a zero-weight class', () => {
    manualSeed(1);
    const n = 20000, counts = [0, 0, 0, 0];
    for (const c of multinomial(w(), n, true).dataSync()) counts[c]++;
    assert.strictEqual(counts[1], 0);
    [0.1, 0, 0.6, 0.3].forEach((p, c) => assert.ok(Math.abs(counts[c] / n - p) < 0.015, `class ${c}: ${counts[c] / n} vs ${p}`));
  });

  it('without replacement draws distinct classes, one row per row of a 2-d input', () => {
    manualSeed(3);
    const r = multinomial(tensor([[1, 2, 3, 0], [0, 5, 1, 1]]), 3);
    assert.deepStrictEqual(r.shape, [2, 3]);
    for (let row = 0; row < 2; row++) {
      const picks = Array.from(r.dataSync().subarray(row * 3, row * 3 + 3));
      assert.strictEqual(new Set(picks).size, 3);
      assert.ok(!picks.includes(row === 0 ? 3 : 0), `row ${row} drew a zero-weight class: ${picks.join()}`);
    }
  });

  const errors: [string, () => unknown, RegExp][] = [
    ['negative weight', () => multinomial(tensor([0.5, -0.1]), 1), /\[multinomial\] .*element < 0/],
    ['NaN weight', () => multinomial(tensor([NaN, 1]), 1), /\[multinomial\] .*nan/],
    ['all zero', () => multinomial(tensor([0, 0]), 1, true), /sum of probabilities <= 0/],
    ['too many without replacement', () => multinomial(tensor([0.5, 0.5]), 3), /n_sample > prob_dist.size\(-1\)/],
    ['too few positive classes', () => multinomial(tensor([0.5, 0, 0]), 2), /not enough non-negative category/],
    ['3-d input', () => multinomial(tensor([[[1]]]), 1), /prob_dist must be 1 or 2 dim/],
  ];
  for (const [what, f, re] of errors) it(`refuses ${what} with an error naming multinomial`, () => assert.throws(f, re));
});
