/** Value labels and escaping, as tables. */
import * as assert from 'assert';
import type { ValueSnapshot } from '../../extension/analysis/trace';
import { clip, escapeXml } from '../../webview/graph/escape';
import { formatValue } from '../../webview/graph/format';

const snap = (shape: number[], data: ValueSnapshot['data'], dtype: ValueSnapshot['dtype'] = 'float32'): ValueSnapshot => ({
  kind: 'tensor', shape, dtype, data, text: '',
});

describe('formatValue', () => {
  const table: [string, ValueSnapshot | null | undefined, string][] = [
    ['scalar to 4 decimals', snap([], [0.8]), '0.8000'],
    ['integral float scalar', snap([], [1]), '1.0000'],
    ['negative scalar rounds', snap([], [-0.123456]), '-0.1235'],
    ['int64 scalar', snap([], [3], 'int64'), '3'],
    ['bool scalar', snap([], [1], 'bool'), 'True'],
    ['NaN', snap([], ['NaN']), 'nan'],
    ['-Infinity', snap([], ['-Infinity']), '-inf'],
    ['2×3 preview', snap([2, 3], [0.5, -1.2, 3, 4, 5, 6]), '[2×3] [[0.5, -1.2, …]]'],
    ['short vector in full', snap([3], [1, 2, 3]), '[3] [1, 2, 3]'],
    ['long vector', snap([5], [0.25, 1 / 3, 3, 4, 5]), '[5] [0.25, 0.3333, …]'],
    ['1×1 matrix', snap([1, 1], [7]), '[1×1] [[7]]'],
    ['empty tensor', snap([0], []), '[0] []'],
    ['tiny and huge numbers', snap([2, 2], [1e-7, 2e6, 0, 0]), '[2×2] [[1.0e-7, 2.0e+6, …]]'],
    ['truncated data', { ...snap([1000], [1, 2]), truncated: true }, '[1000] [1, 2, …]'],
    ['null', null, ''],
    ['undefined', undefined, ''],
  ];
  for (const [name, input, expected] of table) {
    it(name, () => assert.strictEqual(formatValue(input), expected));
  }
});

describe('escapeXml', () => {
  const table: [string, string][] = [
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    [`a "q" & 'b'`, 'a &quot;q&quot; &amp; &#39;b&#39;'],
    ['&amp;', '&amp;amp;'],
    ['bell\u0007 nul\u0000', 'bell\uFFFD nul\uFFFD'],
    ['lone \uD800 surrogate', 'lone \uFFFD surrogate'],
    ['pair \uD83D\uDE00 kept', 'pair \uD83D\uDE00 kept'],
    ['tab\tnewline\n kept', 'tab\tnewline\n kept'],
  ];
  for (const [input, expected] of table) {
    it(JSON.stringify(input), () => assert.strictEqual(escapeXml(input), expected));
  }
});

describe('clip', () => {
  it('keeps short text and cuts long text with an ellipsis, by code point', () => {
    assert.strictEqual(clip('abc', 3), 'abc');
    assert.strictEqual(clip('abcdef', 4), 'abc…');
    assert.strictEqual(clip('😀😀😀😀', 3), '😀😀…');
  });
});
