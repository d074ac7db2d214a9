/**
 * The interpreter's handler tables (extension/analysis/dispatch.ts): a syntax kind with no handler is
 * not evaluated. It gets a diagnostic at its range, its value is unknown, and so is what it may have
 * changed; the code around it still runs.
 */
import * as assert from 'assert';
import { analyzeChecked, binding } from './helpers';

const H = `import { tensor } from 'gradlens';\nlet a = tensor([1, 2]);\n`;

describe('analysis: a syntax kind without a handler', () => {
  const cases: [string, string, RegExp][] = [
    ['an expression (a tagged template)', 'const s = String.raw`${(a = a.mul(3))}`;', /^tagged template expression: not evaluated here/],
    ['a statement (a labelled block)', 'done: { a = a.mul(3); }', /^labeled statement: not evaluated here/],
  ];
  for (const [what, line3, says] of cases) {
    it(what, () => {
      const trace = analyzeChecked(`${H}${line3}\nconst b = a.mul(2);\nconst c = tensor([5]).add(1);\n`);
      const d = trace.diagnostics.find((x) => says.test(x.message));
      assert.ok(d, `a diagnostic saying ${says}; got ${JSON.stringify(trace.diagnostics.map((x) => x.message))}`);
      assert.strictEqual(d.line, 3, 'on the line of the construct');
      const b = binding(trace, 'b');
      assert.strictEqual(b.value, null, 'what the skipped code may have assigned is unknown');
      assert.match(b.unknown ?? '', /not evaluated|may be changed/);
      assert.deepStrictEqual(binding(trace, 'c').value?.data, [6], 'the rest of the file runs');
    });
  }
});
