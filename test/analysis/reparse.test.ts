/**
 * The live analyzer's re-parsing (reparse.ts): the hunks between two versions, and that a stream of
 * random edits (several places at once, broken syntax, statements added and removed) gives exactly the
 * stateless analyzer's trace.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyze, createAnalyzer } from '../../extension/analysis';
import { textHunks, type Hunk } from '../../extension/analysis/reparse';
import type { Trace } from '../../extension/analysis/trace';
import { ROOT, assertValidTrace, rng } from './helpers';

function apply(old: string, hunks: Hunk[]): string {
  let out = old;
  for (let k = hunks.length - 1; k >= 0; k--) out = out.slice(0, hunks[k].start) + hunks[k].text + out.slice(hunks[k].end);
  return out;
}

function withoutStats(t: Trace): Trace {
  const { stats: _stats, ...rest } = t;
  return { ...rest };
}

describe('analysis: reparse hunks', () => {
  const cases: { name: string; old: string; next: string; hunks: Hunk[] }[] = [
    { name: 'same text', old: 'a\nb\n', next: 'a\nb\n', hunks: [] },
    { name: 'one character', old: 'x = 1;\ny = 2;\n', next: 'x = 1;\ny = 3;\n', hunks: [{ start: 11, end: 12, text: '3' }] },
    {
      name: 'two lines apart', old: 'a = 10;\nb = 2;\nc = 30;\n', next: 'a = 11;\nb = 2;\nc = 31;\n',
      hunks: [{ start: 5, end: 6, text: '1' }, { start: 20, end: 21, text: '1' }],
    },
    {
      name: 'adjacent lines merge', old: 'a = 1;\nb = 2;\nc = 3;\n', next: 'a = 1;\nb = 5;\nc = 6;\n',
      hunks: [{ start: 11, end: 19, text: '5;\nc = 6' }],
    },
    { name: 'a line added', old: 'a;\nb;\n', next: 'a;\nx;\nb;\n', hunks: [{ start: 3, end: 3, text: 'x;\n' }] },
    {
      name: 'lengths differ', old: 'ab = 1;\nx;\nc = 2;\n', next: 'a = 1;\nx;\nc = 22;\n',
      hunks: [{ start: 1, end: 2, text: '' }, { start: 15, end: 15, text: '2' }],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const hunks = textHunks(c.old, c.next);
      assert.deepStrictEqual(hunks, c.hunks);
      assert.strictEqual(apply(c.old, hunks), c.next);
    });
  }

  it('reproduces the new text for random multi-place edits', () => {
    const base = fs.readFileSync(path.join(ROOT, 'examples', 'workbench.ts'), 'utf8');
    const rand = rng(7);
    let old = base;
    for (let i = 0; i < 300; i++) {
      const next = randomEdit(base, rand);
      const hunks = textHunks(old, next);
      assert.strictEqual(apply(old, hunks), next, `edit ${i}`);
      for (let k = 1; k < hunks.length; k++) assert.ok(hunks[k - 1].end < hunks[k].start, 'hunks in order, apart');
      old = next;
    }
  });
});

/** The text with one to three random changes: a digit, a character deleted or inserted, a line dropped or doubled. */
function randomEdit(text: string, rand: () => number): string {
  let out = text;
  const n = 1 + Math.floor(rand() * 3);
  for (let k = 0; k < n; k++) {
    const at = Math.floor(rand() * out.length);
    const lineStart = out.lastIndexOf('\n', at - 1) + 1;
    const lineEnd = out.indexOf('\n', at) < 0 ? out.length : out.indexOf('\n', at);
    switch (Math.floor(rand() * 6)) {
      case 0: out = out.slice(0, at) + String(Math.floor(rand() * 10)) + out.slice(at); break;
      case 1: out = out.slice(0, at) + out.slice(at + 1); break;
      case 2: out = out.slice(0, at) + ')' + out.slice(at); break;
      case 3: out = out.slice(0, lineStart) + out.slice(Math.min(out.length, lineEnd + 1)); break;
      case 4: out = out.slice(0, lineEnd) + '\n' + out.slice(lineStart, lineEnd) + out.slice(lineEnd); break;
      default: {
        const m = /\d/.exec(out.slice(at));
        if (m) out = out.slice(0, at + m.index) + String((Number(m[0]) + 1) % 10) + out.slice(at + m.index + 1);
      }
    }
  }
  return out;
}

describe('analysis: live analyzer equals the stateless one', function () {
  this.timeout(120000);
  for (const file of ['workbench.ts', 'mlp-cross-entropy.ts', 'training-loop.ts']) {
    it(`over random edits of ${file} (several places, broken syntax, lines added and removed)`, () => {
      const base = fs.readFileSync(path.join(ROOT, 'examples', file), 'utf8');
      const rand = rng(file.length);
      const live = createAnalyzer();
      // versions: edits of the original (so consecutive versions differ in up to six places), and now and
      // then the original itself or a wholly different text
      for (let i = 0; i < 60; i++) {
        const text = i % 20 === 10 ? base : i % 20 === 15 ? 'const x = ;\n' : randomEdit(base, rand);
        const a = live.analyze(text);
        assertValidTrace(a);
        assert.deepStrictEqual(withoutStats(a), withoutStats(analyze(text)), `version ${i}`);
      }
    });
  }
});

describe('analysis: live analyzer reuses the previous run\'s trace forms', () => {
  it('an unchanged value keeps its snapshot object; a changed one gets a new, correct one', () => {
    const v1 = "import { tensor } from 'gradlens';\nconst a = tensor([1, 2]);\nconst b = tensor([3, 4]);\n";
    const v2 = v1.replace('[3, 4]', '[3, 5]');
    const live = createAnalyzer();
    const first = live.analyze(v1);
    const second = live.analyze(v2);
    assert.strictEqual(second.bindings[0].value, first.bindings[0].value, 'a: reused');
    assert.notStrictEqual(second.bindings[1].value, first.bindings[1].value, 'b: rebuilt');
    assert.deepStrictEqual(withoutStats(second), withoutStats(analyze(v2)));
    // a different data cap must not reuse forms built under the old one
    const capped = live.analyze(v2, { dataCap: 1 });
    assert.deepStrictEqual(withoutStats(capped), withoutStats(analyze(v2, { dataCap: 1 })));
  });
});
