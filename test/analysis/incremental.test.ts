/** createAnalyzer (incremental re-parsing for live edits) gives exactly what a fresh analysis gives. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyze, createAnalyzer } from '../../extension/analysis';
import type { Trace } from '../../extension/analysis/trace';
import { ROOT, assertValidTrace } from './helpers';

function withoutStats(t: Trace): Trace {
  const { stats: _stats, ...rest } = t;
  return { ...rest };
}

describe('analysis: incremental analyzer', function () {
  this.timeout(30000);
  it('matches a fresh analysis over a sequence of edits (typing, deleting, pasting)', () => {
    const full = fs.readFileSync(path.join(ROOT, 'examples', 'mlp-cross-entropy.ts'), 'utf8');
    const live = createAnalyzer();
    const versions: string[] = [];
    for (let n = 0; n <= full.length; n += 37) versions.push(full.slice(0, n)); // typing it in
    versions.push(full, full.replace('manualSeed(42)', 'manualSeed(4)'), full.replace('manualSeed(42)', 'manualSeed(42);\nconst extra = tensor(1.0)'));
    versions.push(full.replace(/forward/g, 'fwd'), full.slice(0, 200) + full.slice(400), full);
    for (const text of versions) {
      const a = live.analyze(text);
      assertValidTrace(a);
      assert.deepStrictEqual(withoutStats(a), withoutStats(analyze(text)), `version of length ${text.length}`);
    }
  });
});
