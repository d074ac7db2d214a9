/**
 * The annotations of the newer ports (examples/ports/), not only their printed lines: for each binding
 * in test/analysis/ports-annotations/annotations.json (written by annotations.py beside it from the
 * PyTorch originals), the value the annotation shows (the value at the end of the file when a later
 * in-place op changed it) and, where the row gives one, its gradient, equal PyTorch's within float32
 * tolerance. A row's key is a binding name, or `name@line` where several sites bind the name.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, analyzeChecked } from './helpers';
import type { Binding, JsonNumber, ValueSnapshot } from '../../extension/analysis/trace';

interface Row { value: number[]; grad: number[] | null }
const FILE = path.join(ROOT, 'test', 'analysis', 'ports-annotations', 'annotations.json');
const EXPECTED = JSON.parse(fs.readFileSync(FILE, 'utf8')) as { ports: Record<string, Record<string, Row>> };

function numbers(s: ValueSnapshot | null | undefined, what: string): number[] {
  assert.ok(s, `${what}: not shown`);
  assert.ok(!s.truncated, `${what}: all its elements`);
  return (s.data as JsonNumber[]).map(Number);
}

function same(got: number[], want: number[], what: string): void {
  assert.strictEqual(got.length, want.length, `${what}: ${got.length} elements vs PyTorch's ${want.length}`);
  want.forEach((w, i) => assert.ok(Math.abs(got[i] - w) <= 1e-5 + 2e-4 * Math.abs(w), `${what}[${i}]: ${got[i]} vs PyTorch ${w}`));
}

describe('ports: the annotations show PyTorch\'s values and gradients', function () {
  this.timeout(60000);
  for (const [file, rows] of Object.entries(EXPECTED.ports)) {
    it(`${file}: ${Object.keys(rows).join(', ')}`, () => {
      const trace = analyzeChecked(fs.readFileSync(path.join(ROOT, 'examples', 'ports', file), 'utf8'), { fileName: file });
      for (const [name, row] of Object.entries(rows)) {
        // `name@line` picks one of several sites binding the name; else the last site
        const [id, line] = name.split('@');
        const b: Binding | undefined = trace.bindings.filter((x) => x.name === id && (line === undefined || x.line === Number(line))).pop();
        assert.ok(b, `${file}: no binding ${name}`);
        same(numbers(b.finalValue ?? b.value, `${file} ${name}`), row.value, `${file} ${name} (line ${b.line})`);
        if (row.grad) same(numbers(b.grad, `${file} ${name} ∇`), row.grad, `${file} ${name} ∇ (line ${b.line})`);
      }
    });
  }
});
