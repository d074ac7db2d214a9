/**
 * The debugger's smaller cases (issue 20), one program per row: which diagnostic, where, with which
 * related lines; and the cases that must stay quiet (no false alarm).
 */
import * as assert from 'assert';
import { analyzeChecked } from './helpers';
import { formatDiagnostic } from '../../extension/presentation/cli-text';
import type { Diagnostic } from '../../extension/analysis/trace';

const H = `import { tensor, noGrad, F } from 'gradlens';\n`;

interface Row {
  what: string;
  code: string;
  /** [code, line, column, endLine, endColumn, related lines] of the diagnostic with that code (lines count the import). */
  expect: [string, number, number, number, number, number[]];
  says: RegExp;
}

const ROWS: Row[] = [
  {
    what: 'a NaN from plain number arithmetic is reported at the number, not at the op',
    code: `const a = tensor([1, 2]);\nconst bad = a.mul(0 / 0);\n`,
    expect: ['nan-origin', 3, 19, 3, 24, []],
    says: /^0 \/ 0 is nan as a plain number; mul takes it into a tensor/,
  },
  {
    what: 'an Inf written in a tensor literal is the literal\'s, and softmax only carries it',
    code: `const s = F.softmax(tensor([Infinity, 1]), 0);\n`,
    expect: ['nan-origin', 2, 28, 2, 41, [2]],
    says: /holds inf as a plain number/,
  },
  {
    what: 'exp overflow names float32\'s limit',
    code: `const e = tensor([100, 1]).exp();\n`,
    expect: ['nan-origin', 2, 11, 2, 33, []],
    says: /exp\(100\) = inf at \[0\] \(exp overflows float32/,
  },
  {
    what: 'division by zero, forward and backward, is one diagnostic',
    code: `const q = tensor([1, 0], { requiresGrad: true });\nconst d = tensor([1, 1]).div(q);\nd.sum().backward();\n`,
    expect: ['nan-origin', 3, 11, 3, 32, [4, 2]],
    says: /div\(1, 0\) = inf at \[1\]; in the backward pass ∂\(a\/b\)\/∂b = -a\/b² = -1\/0² = -inf; upstream gradient 1 → 1 · -inf = -inf in the gradient of q\[1\]/,
  },
  {
    what: 'a non-leaf .grad read: PyTorch\'s warning, and the line to add retainGrad() after',
    code: `const w = tensor([1, 2], { requiresGrad: true });\nconst h = w.mul(2);\nh.sum().backward();\nconsole.log(h.grad);\n`,
    expect: ['grad-missing', 5, 13, 5, 19, [3]],
    says: /not a leaf Tensor.*h\.retainGrad\(\)/,
  },
  {
    what: 'a tensor made under noGrad has no gradient: the read names the cut',
    code: `const w = tensor([1, 2], { requiresGrad: true });\nconst z = noGrad(() => w.mul(3));\nconsole.log(z.grad);\n`,
    expect: ['grad-missing', 4, 13, 4, 19, [3]],
    says: /cut at line 3: `w\.mul\(3\)` ran under noGrad/,
  },
  {
    what: 'an integer tensor cannot require grad',
    code: `const i = tensor([1, 2], { dtype: 'int64' });\nconsole.log(i.grad);\n`,
    expect: ['grad-missing', 3, 13, 3, 19, [2]],
    says: /i is an int64 tensor: only floating-point tensors can require gradients/,
  },
  {
    what: 'a read before any backward() says so',
    code: `const w = tensor([1, 2], { requiresGrad: true });\nconsole.log(w.grad);\nw.sum().backward();\n`,
    expect: ['grad-missing', 3, 13, 3, 19, []],
    says: /no backward\(\) has run before this line/,
  },
  {
    what: 'a number from item() on the way: the unreached leaf is reported at the leaf, the item() call beside it',
    code: `const w = tensor([1, 2], { requiresGrad: true });\nconst n = w.sum().item() * 2;\nconst loss = tensor(n, { requiresGrad: true }).mul(2);\nloss.backward();\n`,
    expect: ['unused-leaf', 2, 7, 2, 8, [5, 3]],
    says: /w requires grad but no backward\(\) reaches it/,
  },
  {
    what: 'backward() of a tensor cut by detach: the error names the line that lost the graph',
    code: `const w = tensor([1, 2], { requiresGrad: true });\nconst y = w.detach().sum();\ny.backward();\n`,
    expect: ['graph-cut', 4, 1, 4, 13, [3]],
    says: /does not require grad and does not have a grad_fn/,
  },
];

function row(d: Diagnostic): [string, number, number, number, number, number[]] {
  return [d.code, d.line, d.column, d.endLine, d.endColumn, (d.related ?? []).map((r) => r.line)];
}

describe('debugging: each case at its line, with its related lines', () => {
  for (const r of ROWS) {
    it(r.what, () => {
      const trace = analyzeChecked(H + r.code);
      const found = trace.diagnostics.filter((d) => d.code === r.expect[0]);
      assert.deepStrictEqual(found.map(row), [r.expect], JSON.stringify(trace.diagnostics));
      assert.match(found[0].message, r.says);
    });
  }
});

describe('debugging: no false alarm', () => {
  const quiet: [string, string][] = [
    ['logging loss.item() and a detached copy in a training loop', `const w = tensor([1, 2], { requiresGrad: true });
for (let i = 0; i < 3; i++) {
  const loss = w.mul(w).sum();
  w.grad = null;
  loss.backward();
  console.log(loss.item(), w.detach().sum().item());
  noGrad(() => w.sub_(w.grad!.mul(0.1)));
}
console.log(w.grad);
`],
    ['a non-leaf with retainGrad() read after backward', `const w = tensor([1, 2], { requiresGrad: true });\nconst h = w.mul(2);\nh.retainGrad();\nh.sum().backward();\nconsole.log(h.grad);\n`],
    ['a file without backward() reports no unused leaf', `const w = tensor([1, 2], { requiresGrad: true });\nconst b = tensor(1, { requiresGrad: true });\nconst y = w.mul(2);\n`],
  ];
  for (const [what, code] of quiet) {
    it(what, () => {
      const trace = analyzeChecked(H + code);
      assert.deepStrictEqual(trace.diagnostics, []);
    });
  }
});

describe('debugging: the CLI prints related locations under their diagnostic', () => {
  it('one note line per related location, file:line:col', () => {
    const d: Diagnostic = {
      line: 9, column: 1, endLine: 9, endColumn: 16, severity: 'error', code: 'inplace-modified', message: 'modified',
      related: [{ line: 7, column: 1, endLine: 7, endColumn: 10, message: 'changed here' }, { line: 6, column: 11, endLine: 6, endColumn: 19, message: 'saved here' }],
    };
    assert.strictEqual(formatDiagnostic('f.ts', d), 'f.ts:9:1: error: modified\n  f.ts:7:1: note: changed here\n  f.ts:6:11: note: saved here');
  });
});
