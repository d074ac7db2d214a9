/**
 * Debugging scenarios: the mistakes PyTorch users make, one file each in debugging/scenarios/, checked
 * against what PyTorch 1.13 does in the same program (debugging/scenarios.json, written by
 * debugging/scenarios.py with real PyTorch). Each row says which diagnostics the file gets (code, line,
 * related lines; none on correct code) and whose words the first one uses; every value the file binds
 * is PyTorch's, also on the lines after the mistake, and the line that failed is unknown with the error.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, analyzeChecked } from './helpers';
import type { Binding, DiagnosticCode, JsonNumber, Severity, Trace } from '../../extension/analysis/trace';

const DIR = path.join(ROOT, 'test', 'analysis', 'debugging');

interface Torch {
  error: string | null;
  warnings: string[];
  values: Record<string, JsonNumber[] | null>;
  reprs: Record<string, string>;
}
const TORCH = JSON.parse(fs.readFileSync(path.join(DIR, 'scenarios.json'), 'utf8')) as Record<string, Torch>;

/** A diagnostic as [severity, code, line, related lines]. */
type Expected = [Severity, DiagnosticCode, number, number[]];

interface Row {
  file: string;
  diagnostics: Expected[];
  /** Whose words the first diagnostic uses: PyTorch's error or warning (verbatim), or Gradlens's own. */
  text?: 'torch-error' | 'torch-warning' | RegExp;
  /** Bindings on the line that failed ([name, line]): unknown, with the engine's error as the reason. */
  failed?: [string, number][];
}

const ROWS: Row[] = [
  // backward()
  { file: 'backward-non-scalar.ts', diagnostics: [['error', 'engine', 6, []]], text: 'torch-error' },
  { file: 'backward-options-first.ts', diagnostics: [['error', 'engine', 7, []]], text: /argument 'gradient' must be a tensor or a number, got an object; pass the options second/ },
  { file: 'backward-twice-exp.ts', diagnostics: [['error', 'backward-twice', 8, [7]]], text: 'torch-error' },
  { file: 'backward-twice-retain.ts', diagnostics: [] },
  { file: 'backward-no-grad-tensor.ts', diagnostics: [['error', 'graph-cut', 6, [4]]], text: 'torch-error' },
  { file: 'nograd-forward.ts', diagnostics: [['error', 'graph-cut', 6, [5]], ['info', 'grad-missing', 7, [6]]], text: 'torch-error' },
  { file: 'nograd-backward.ts', diagnostics: [] },
  // in-place ops
  { file: 'inplace-leaf.ts', diagnostics: [['error', 'engine', 5, [4]]], text: 'torch-error', failed: [['w', 5]] },
  { file: 'update-without-nograd.ts', diagnostics: [['error', 'engine', 7, [4]]], text: 'torch-error', failed: [['w', 7]] },
  { file: 'inplace-exp.ts', diagnostics: [['error', 'inplace-modified', 8, [6, 5]]], text: 'torch-error' },
  { file: 'inplace-sigmoid.ts', diagnostics: [['error', 'inplace-modified', 8, [6, 5]]], text: 'torch-error' },
  { file: 'inplace-tanh.ts', diagnostics: [['error', 'inplace-modified', 8, [7, 6]]], text: 'torch-error' },
  { file: 'inplace-mul-operand.ts', diagnostics: [['error', 'inplace-modified', 9, [8, 7]], ['info', 'grad-missing', 10, [9]]], text: 'torch-error' },
  { file: 'inplace-pow-input.ts', diagnostics: [['error', 'inplace-modified', 8, [7, 6]]], text: 'torch-error' },
  { file: 'inplace-after-backward.ts', diagnostics: [] },
  { file: 'data-inplace.ts', diagnostics: [] },
  // missing gradients
  { file: 'nonleaf-grad.ts', diagnostics: [['warning', 'grad-missing', 8, [5]]], text: 'torch-warning' },
  { file: 'retain-grad.ts', diagnostics: [] },
  { file: 'item-cut.ts', diagnostics: [['info', 'grad-missing', 10, [6, 8]], ['warning', 'unused-leaf', 4, [8, 6]]], text: /w\.grad is null: the path from `w\.sum\(\)` was cut at line 6/ },
  { file: 'number-cut.ts', diagnostics: [['info', 'grad-missing', 10, [6, 8]], ['warning', 'unused-leaf', 4, [8, 6]]], text: /cut at line 6: `w\.mul\(3\)\.item\(\)` turns it into plain numbers/ },
  { file: 'tolist-cut.ts', diagnostics: [['error', 'graph-cut', 8, [6]], ['info', 'grad-missing', 9, [8]]], text: 'torch-error' },
  { file: 'int-requires-grad.ts', diagnostics: [['error', 'engine', 4, []]], text: 'torch-error', failed: [['n', 4]] },
  { file: 'int-set-requires-grad.ts', diagnostics: [['error', 'engine', 5, []]], text: 'torch-error' },
  // optimizers
  { file: 'no-zero-grad.ts', diagnostics: [['warning', 'grad-accumulated', 9, [10]]], text: /adds to w\.grad, which still holds the gradient of an earlier backward\(\) from before `opt\.step\(\)` at line 10 .*Call opt\.zeroGrad\(\) before backward\(\)/ },
  { file: 'manual-update-no-reset.ts', diagnostics: [['warning', 'grad-accumulated', 8, [9]]], text: /from before `w\.sub_\(w\.grad!\.mul\(0\.1\)\)` at line 9 updated w: .*Set w\.grad = null before backward\(\)/ },
  { file: 'grad-accumulation-steps.ts', diagnostics: [] },
  { file: 'zero-grad-loop.ts', diagnostics: [] },
  { file: 'optim-nonleaf.ts', diagnostics: [['error', 'engine', 6, [5]]], text: 'torch-error' },
  { file: 'step-before-backward.ts', diagnostics: [] },
  // shapes
  { file: 'matmul-shapes.ts', diagnostics: [['error', 'shape', 6, []]], text: 'torch-error', failed: [['c', 6]] },
  { file: 'linear-shapes.ts', diagnostics: [['error', 'shape', 6, []]], text: 'torch-error', failed: [['y', 6]] },
  { file: 'broadcast-shapes.ts', diagnostics: [['error', 'shape', 6, []]], text: 'torch-error', failed: [['c', 6]] },
  { file: 'view-size.ts', diagnostics: [['error', 'shape', 5, []]], text: 'torch-error', failed: [['v', 5]] },
  { file: 'view-noncontiguous.ts', diagnostics: [['error', 'shape', 6, []]], text: 'torch-error', failed: [['v', 6]] },
  { file: 'cat-shapes.ts', diagnostics: [['error', 'shape', 6, []]], text: 'torch-error', failed: [['c', 6]] },
  { file: 'stack-shapes.ts', diagnostics: [['error', 'shape', 6, []]], text: 'torch-error', failed: [['s', 6]] },
  { file: 'conv-channels.ts', diagnostics: [['error', 'shape', 6, []]], text: 'torch-error', failed: [['y', 6]] },
  { file: 'ce-target-range.ts', diagnostics: [['error', 'engine', 6, []]], text: 'torch-error', failed: [['loss', 6]] },
  { file: 'ce-float-target.ts', diagnostics: [['error', 'engine', 6, []]], text: 'torch-error', failed: [['loss', 6]] },
  { file: 'ce-batch.ts', diagnostics: [['error', 'shape', 6, []]], text: 'torch-error', failed: [['loss', 6]] },
  // NaN
  { file: 'nan-log-zero.ts', diagnostics: [['warning', 'nan-origin', 6, [7, 7, 7, 4]]], text: /log\(0\) = -inf at \[0\]/ },
  { file: 'nan-sqrt-negative.ts', diagnostics: [['warning', 'nan-origin', 5, [6, 4]]], text: /sqrt\(-1\) = nan at \[0\]/ },
  { file: 'nan-zero-div.ts', diagnostics: [['warning', 'nan-origin', 6, [7, 5, 5, 4]]], text: /div\(0, 0\) = nan at \[0\]/ },
];

function run(file: string): Trace {
  return analyzeChecked(fs.readFileSync(path.join(DIR, 'scenarios', file), 'utf8'), { fileName: file });
}

function numberOf(x: JsonNumber | number): number {
  return x === 'NaN' ? NaN : x === 'Infinity' ? Infinity : x === '-Infinity' ? -Infinity : Number(x);
}

/** Element by element: the same non-finite values, finite ones within float32's precision. */
function sameData(got: readonly (JsonNumber | number)[], want: readonly JsonNumber[], what: string): void {
  assert.strictEqual(got.length, want.length, `${what}: ${got.length} elements vs PyTorch's ${want.length}`);
  want.forEach((w, i) => {
    const g = numberOf(got[i]), e = numberOf(w);
    const ok = Number.isFinite(e) ? Math.abs(g - e) <= 1e-5 * Math.max(1, Math.abs(e)) : Object.is(g, e) || (Number.isNaN(g) && Number.isNaN(e));
    assert.ok(ok, `${what}[${i}]: ${g} vs PyTorch ${e}`);
  });
}

/** The last binding of `name`, but not one on the line that failed (its value is unknown there; the tensor is not). */
function last(trace: Trace, name: string, failedLine?: number): Binding | undefined {
  return trace.bindings.filter((b) => b.name === name && b.line !== failedLine).pop();
}

/** A bound value as the file ends: the last site's value, after later in-place ops (`finalValue`). */
function checkValue(trace: Trace, key: string, want: JsonNumber[] | null, repr: string | undefined, row: Row): void {
  const file = row.file;
  const [name, history] = key.split('.');
  const b = last(trace, name, row.failed?.find((f) => f[0] === name)?.[1]);
  if (want === null) return assert.ok(!b || (b.value === null && b.unknown === undefined), `${file}: ${name} should be null (PyTorch's None)`);
  assert.ok(b, `${file}: no binding ${name}`);
  if (history) return sameData(b.history ?? [], want, `${file}: ${name} history`);
  const shown = b.finalValue ?? b.value;
  assert.ok(shown, `${file}: ${name} is unknown (${b.unknown ?? b.finalUnknown}), PyTorch has ${JSON.stringify(want)}`);
  sameData(shown.data as JsonNumber[], want, `${file}: ${name}`);
  if (repr !== undefined && shown.kind === 'tensor') assert.strictEqual(shown.text, repr, `${file}: ${name} as printed`);
}

describe('debugging scenarios: the mistakes PyTorch users make, against PyTorch 1.13', () => {
  it('every scenario file has a row and a PyTorch run', () => {
    const files = fs.readdirSync(path.join(DIR, 'scenarios')).filter((f) => f.endsWith('.ts')).sort();
    assert.deepStrictEqual(ROWS.map((r) => r.file).sort(), files);
    assert.deepStrictEqual(Object.keys(TORCH).filter((k) => k !== 'torch').sort(), files);
  });

  for (const row of ROWS) {
    it(`${row.file}: ${row.diagnostics.length === 0 ? 'no diagnostic' : row.diagnostics.map((d) => `${d[1]} at line ${d[2]}`).join(', ')}; PyTorch's values`, () => {
      const torch = TORCH[row.file];
      const trace = run(row.file);
      const got = trace.diagnostics.map((d): Expected => [d.severity, d.code, d.line, (d.related ?? []).map((r) => r.line)]);
      assert.deepStrictEqual(got, row.diagnostics, trace.diagnostics.map((d) => d.message).join('\n'));
      const first = trace.diagnostics[0];
      if (row.text === 'torch-error') {
        assert.ok(torch.error, `${row.file}: PyTorch raised nothing`);
        assert.ok(first.message.includes(torch.error.replace(/ Hint: .*$/, '')), `${first.message}\nvs PyTorch: ${torch.error}`);
      } else if (row.text === 'torch-warning') {
        assert.strictEqual(torch.warnings.length, 1);
        assert.ok(first.message.includes(torch.warnings[0].replace(/ See github\.com.*$/, '')), `${first.message}\nvs PyTorch: ${torch.warnings[0]}`);
      } else {
        assert.strictEqual(torch.error, null, `${row.file}: PyTorch raised ${torch.error}`);
        if (row.text) assert.match(first.message, row.text);
      }
      for (const [name, line] of row.failed ?? []) {
        const b = trace.bindings.find((x) => x.name === name && x.line === line);
        assert.ok(b && b.value === null && /the engine failed here/.test(b.unknown ?? ''), `${row.file}: ${name} should be unknown: ${JSON.stringify(b)}`);
      }
      for (const [key, want] of Object.entries(torch.values)) checkValue(trace, key, want, torch.reprs[key], row);
    });
  }
});
