/** Which files the editor analyses: those that import `gradlens` or carry a `// @gradlens` comment, read from the parse tree. */
import * as assert from 'assert';
import { createAnalyzer, parse } from '../../extension/analysis';
import { optIn } from '../../extension/analysis/opt-in';

const cases: { name: string; code: string; want: 'imports' | 'comment' | undefined }[] = [
  { name: 'a named import', code: "import { tensor } from 'gradlens';\n", want: 'imports' },
  { name: 'a namespace import', code: "import * as gl from 'gradlens';\n", want: 'imports' },
  { name: 'a side-effect import', code: "import 'gradlens';\n", want: 'imports' },
  { name: 'a re-export', code: "export { tensor } from 'gradlens';\n", want: 'imports' },
  { name: 'import = require', code: "import gl = require('gradlens');\n", want: 'imports' },
  { name: 'an opt-in comment', code: "// @gradlens\nconst x = 1;\n", want: 'comment' },
  { name: 'the target comment', code: "const x = 1; // @gradlens target\n", want: 'comment' },
  { name: 'a plain node:fs file', code: "import * as fs from 'node:fs';\nconst s = fs.readFileSync('a');\n", want: undefined },
  { name: 'a type-only import', code: "import type { Tensor } from 'gradlens';\n", want: undefined },
  { name: 'another package whose name starts the same', code: "import { x } from 'gradlens-extra';\n", want: undefined },
  { name: 'the import inside a string (a test fixture)', code: "const src = \"import { tensor } from 'gradlens';\";\n", want: undefined },
  { name: 'the import inside a template', code: "const src = `import { tensor } from 'gradlens';`;\n", want: undefined },
  { name: 'the comment inside a string', code: "const c = '// @gradlens';\n", want: undefined },
  { name: 'the comment inside a template after a substitution', code: "const c = `${1} // @gradlens`;\n", want: undefined },
  { name: 'the marker quoted in a block comment', code: '/** Opt in with a `// @gradlens` comment. */\nconst x = 1;\n', want: undefined },
  { name: 'the marker quoted later in a line comment', code: '// add // @gradlens to opt in\nconst x = 1;\n', want: undefined },
  { name: 'the comment after punctuation', code: 'f(a, // @gradlens\n  b);\n', want: 'comment' },
  { name: 'the comment at the end of the file', code: 'const x = 1;\n// @gradlens', want: 'comment' },
  { name: 'a word that only starts like the marker', code: '// @gradlens-disable\n', want: undefined },
  { name: 'a dynamic import is not an import declaration', code: "const m = import('gradlens');\n", want: undefined },
];

describe('opt-in: which files the editor analyses', () => {
  for (const c of cases) {
    it(`${c.name}: ${c.want ?? 'quiet'}`, () => {
      assert.strictEqual(optIn(parse(c.code, 'f.ts')), c.want);
    });
  }

  it('analyzeOptedIn evaluates nothing for a file that does not opt in, and analyses one that does', () => {
    const a = createAnalyzer();
    assert.strictEqual(a.analyzeOptedIn("import * as fs from 'node:fs';\nconst s = fs.readFileSync('a');\n", { fileName: 'f.ts' }), undefined);
    const t = a.analyzeOptedIn("import { tensor } from 'gradlens';\nconst x = tensor(2);\n", { fileName: 'f.ts' });
    assert.ok(t);
    assert.deepStrictEqual(t.bindings.map((b) => b.value?.data), [[2]]);
  });
});
