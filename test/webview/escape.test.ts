/** Escaping and clipping of the graph's texts, as tables (value labels: test/presentation/numbers.test.ts). */
import * as assert from 'assert';
import { clip, escapeXml } from '../../extension/presentation/graph/escape';

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
