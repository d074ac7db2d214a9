/**
 * The repository explains itself: its sources and docs point at its own documents, never at the
 * specification it started from or at files outside it (docs/architecture.md says where things are).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../analysis/helpers';

const SKIP = new Set(['node_modules', 'out', 'dist', '.git', 'test-results', 'bench/node_modules']);
const OUTSIDE = [/\bSPEC §/, /\bSTYLE habit/, /\.\.\/shared\//, /\bthe SPEC\b/];

function files(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (SKIP.has(rel) || SKIP.has(e.name)) return [];
    if (e.isDirectory()) return files(rel);
    return /\.(ts|mts|mjs|js|md|json)$/.test(e.name) && e.name !== 'package-lock.json' ? [rel] : [];
  });
}

describe('the repository explains itself', () => {
  it('no source or doc refers to the starting specification or to files outside the repository', () => {
    const all = files('');
    assert.ok(all.includes('docs/architecture.md') && all.includes('engine/tensor.ts'), 'walked the tree');
    const found = all.flatMap((f) => fs.readFileSync(path.join(ROOT, f), 'utf8').split('\n')
      .flatMap((line, i) => (OUTSIDE.some((re) => re.test(line)) && f !== 'test/repo/self-contained.test.ts' ? [`${f}:${i + 1}: ${line.trim()}`] : [])));
    assert.deepStrictEqual(found, []);
  });
});
