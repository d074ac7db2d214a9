/** The one number/tensor text rule (extension/presentation/numbers.ts), as tables. */
import * as assert from 'node:assert/strict';
import type { Dtype, JsonNumber, ValueSnapshot } from '../../extension/analysis/trace';
import { compactText, gradText, inlineValueText, labelText, scalarText, sparkline, valueText } from '../../extension/presentation/numbers';

const snap = (shape: number[], data: JsonNumber[], dtype: Dtype = 'float32'): ValueSnapshot => ({ kind: 'tensor', shape, dtype, data, text: '' });

describe('presentation: numbers', () => {
  const scalars: [JsonNumber, number, Dtype | null, string][] = [
    [0.8, 4, null, '0.8000'], [-1.25, 2, null, '-1.25'], [0, 4, null, '0.0000'], [-0.123456, 4, 'float32', '-0.1235'],
    [1e-6, 2, null, '1.00e-6'], [3e9, 1, null, '3.0e+9'], ['NaN', 4, null, 'nan'], ['-Infinity', 4, null, '-inf'], ['Infinity', 4, null, 'inf'],
    [3, 4, 'int64', '3'], [-2, 4, 'int32', '-2'], [1, 4, 'bool', 'True'], [0, 4, 'bool', 'False'],
  ];
  for (const [x, p, dtype, want] of scalars) it(`scalar ${x} (${dtype ?? 'float'}) at precision ${p} → ${want}`, () => assert.equal(scalarText(x, p, dtype), want));

  it('compact numbers drop trailing zeros, never an exponent\'s', () => {
    assert.deepEqual([0.5, -1.2, 2, 1e-7].map((x) => compactText(x, 4)), ['0.5', '-1.2', '2', '1.0000e-7']);
  });

  const values: [string, ValueSnapshot, string][] = [
    ['scalar', snap([], [0.8]), '0.8000'],
    ['bool scalar', snap([], [1], 'bool'), 'True'],
    ['2×3 preview', snap([2, 3], [0.5, -1.2, 3, 4, 5, 6]), '[2×3] [[0.5, -1.2, 3, …]]'],
    ['short vector in full', snap([3], [1, 2, 3]), '[3] [1, 2, 3]'],
    ['long vector', snap([5], [0.25, 1 / 3, 3, 4, 5]), '[5] [0.25, 0.3333, 3, …]'],
    ['1×1 matrix', snap([1, 1], [7]), '[1×1] [[7]]'],
    ['empty tensor', snap([0], []), '[0] []'],
    ['tiny and huge numbers', snap([2, 2], [1e-7, 2e9, 0, 0]), '[2×2] [[1.0000e-7, 2.0000e+9, …]]'],
    ['bool vector', snap([2], [1, 0], 'bool'), '[2] [True, False]'],
    ['truncated data', { ...snap([1000], [1, 2]), truncated: true }, '[1000] [1, 2, …]'],
  ];
  for (const [name, v, want] of values) it(`value: ${name} → ${want}`, () => assert.equal(valueText(v, 4), want));

  it('a graph label is the value text, and empty for none', () => {
    assert.equal(labelText(snap([2, 3], [0.5, -1.2, 3, 4, 5, 6])), '[2×3] [[0.5, -1.2, 3, …]]');
    assert.equal(labelText(null), '');
    assert.equal(labelText(undefined), '');
  });

  it('an inline value is the value without its shape', () => {
    assert.equal(inlineValueText(snap([], [0.5]), 4), '0.5000');
    assert.equal(inlineValueText(snap([1, 2], [0.5, 2]), 4), '[[0.5, 2]]');
  });

  it('a gradient: a scalar as is, a tensor as its norm (≈ when truncated)', () => {
    assert.equal(gradText(snap([], [0.4]), 4), '∇ 0.4000');
    assert.equal(gradText(snap([2], [3, 4]), 4), '∇ ‖·‖=5');
    assert.equal(gradText({ ...snap([9], [3, 4]), truncated: true }, 4), '∇ ‖·‖≈5');
  });

  it('sparklines scale between min and max and mark non-finite values', () => {
    assert.equal(sparkline([0, 7]), '▁█');
    assert.equal(sparkline([1, 1, 1]), '▅▅▅');
    assert.equal(sparkline([0, 'NaN', 1]), '▁·█');
    assert.equal(sparkline(Array.from({ length: 40 }, (_, i) => i)).length, 16);
  });
});
