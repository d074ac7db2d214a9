/**
 * The automatic check of custom Functions (extension/analysis/function-check.ts) against torch 1.13's
 * gradcheck: the same verdict on each case of cases.ts, and for a failing one the input, element and
 * both numbers torch's Jacobians give there (check-oracle.json, written by check_oracle.py). Then the
 * wrong-backward example through the command-line tool.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { ROOT, analyzeChecked } from '../helpers';
import { BACKWARD_LINE, CASES, FORWARD_LINE, caseSource } from './cases';

interface Oracle {
  passes: boolean;
  mismatch?: { input: number; input_element: number; analytical: number; numerical: number };
}
const ORACLE = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'analysis', 'custom-function', 'check-oracle.json'), 'utf8')) as Record<string, Oracle>;

const MESSAGE = /input (\d+), element \[([\d, ]*)\]: backward gives (\S+), finite differences (\S+) /;

/** Row-major index of `flat` in the shape of a nested-array literal. */
function indexIn(literal: string, flat: number): number[] {
  const shape: number[] = [];
  for (let v: unknown = JSON.parse(literal); Array.isArray(v); v = v[0]) shape.push(v.length);
  return shape.reduceRight<{ idx: number[]; rest: number }>((acc, d) => ({ idx: [acc.rest % d, ...acc.idx], rest: Math.floor(acc.rest / d) }), { idx: [], rest: flat }).idx;
}

/** Four decimals as shown: within half a unit of the last one. */
function shows(text: string, want: number, what: string): void {
  assert.ok(Math.abs(Number(text) - want) <= 5e-5 + 1e-6 * Math.abs(want), `${what}: ${text} vs torch ${want}`);
}

describe('analysis: the automatic check of custom Functions against torch.autograd.gradcheck', () => {
  it('covers right and wrong backwards', () => {
    const verdicts = Object.keys(CASES).map((k) => ORACLE[k].passes);
    assert.strictEqual(ORACLE['example-wrong-backward'].passes, false);
    assert.ok(verdicts.includes(true) && verdicts.includes(false));
  });
  for (const [name, c] of Object.entries(CASES)) {
    it(name, () => {
      const want = ORACLE[name];
      const trace = analyzeChecked(caseSource(c), { fileName: `${name}.ts` });
      const found = trace.diagnostics.filter((d) => d.code === 'gradcheck-mismatch');
      assert.deepStrictEqual(trace.diagnostics.filter((d) => d.severity === 'error'), []);
      if (want.passes) {
        assert.deepStrictEqual(found, [], 'torch passes it');
        return;
      }
      assert.strictEqual(found.length, 1, `torch fails it; diagnostics: ${JSON.stringify(trace.diagnostics)}`);
      const [d] = found;
      assert.strictEqual(d.line, BACKWARD_LINE, 'at the return of backward');
      assert.deepStrictEqual(d.related?.map((r) => r.line), [FORWARD_LINE], 'forward is related');
      const m = MESSAGE.exec(d.message);
      assert.ok(m, d.message);
      const bad = want.mismatch!;
      assert.strictEqual(Number(m[1]), bad.input, 'input');
      assert.strictEqual(m[2], indexIn(c.args[bad.input], bad.input_element).join(', '), 'element');
      shows(m[3], bad.analytical, 'backward');
      shows(m[4], bad.numerical, 'finite differences');
    });
  }
});

describe('analysis: which calls are checked', () => {
  it('a Function declared in a function called three times is checked once, on its first call', () => {
    const code = `import { autograd, tensor, type Tensor } from 'gradlens';
function step(v: number): Tensor {
  class Twice extends autograd.Function {
    static override forward(_ctx: any, x: Tensor): Tensor { return x.mul(2); }
    static override backward(_ctx: any, g: Tensor): Tensor {
      return g.mul(3);
    }
  }
  const x = tensor([v, v + 1], { requiresGrad: true });
  const y = (Twice.apply(x) as Tensor).sum();
  y.backward();
  return x.grad!;
}
for (let i = 0; i < 3; i++) step(i);
`;
    const found = analyzeChecked(code).diagnostics.filter((d) => d.code === 'gradcheck-mismatch');
    assert.deepStrictEqual(found.map((d) => d.line), [6], 'one warning, at the return of backward');
  });

  it('a Function called only without inputs that require grad is not checked', () => {
    const code = `import { autograd, tensor, type Tensor } from 'gradlens';
class Twice extends autograd.Function {
  static override forward(_ctx: any, x: Tensor): Tensor { return x.mul(2); }
  static override backward(_ctx: any, g: Tensor): Tensor { return g.mul(3); }
}
console.log((Twice.apply(tensor([1, 2])) as Tensor).tolist());
`;
    assert.deepStrictEqual(analyzeChecked(code).diagnostics, []);
  });
});

describe('cli: examples/debugging/wrong-backward.ts', function () {
  this.timeout(30000);
  it('shows the mismatch at the return of backward, with forward as a note', () => {
    const file = path.join('examples', 'debugging', 'wrong-backward.ts');
    const source = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n');
    const returnLine = source.findIndex((l) => l.includes('return gradOutput')) + 1;
    const forwardLine = source.findIndex((l) => l.includes('static override forward')) + 1;
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'gradlens.js'), 'annotate', file], { cwd: ROOT, encoding: 'utf8' });
    const out = run.stdout + run.stderr;
    const line = new RegExp(`wrong-backward\\.ts:${returnLine}:\\d+: warning: LegendrePolynomial3\\.backward disagrees with finite differences: .*`).exec(out);
    assert.ok(line, out);
    const m = MESSAGE.exec(line[0]);
    const bad = ORACLE['example-wrong-backward'].mismatch!;
    assert.ok(m && m[1] === '0' && m[2] === String(bad.input_element), line[0]);
    shows(m[3], bad.analytical, 'backward');
    shows(m[4], bad.numerical, 'finite differences');
    assert.match(out, new RegExp(`wrong-backward\\.ts:${forwardLine}:\\d+: note: LegendrePolynomial3\\.forward`));
    assert.doesNotMatch(out, /✓/, 'no passing verdict for the wrong one');
  });

  it('gives the right one (examples/custom-function.ts) its passing verdict at the class name, and no warning', () => {
    const file = path.join('examples', 'custom-function.ts');
    const classLine = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n').findIndex((l) => /class LegendrePolynomial3\b/.test(l)) + 1;
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'gradlens.js'), 'annotate', file], { cwd: ROOT, encoding: 'utf8' });
    assert.doesNotMatch(run.stdout + run.stderr, /disagrees with finite differences/);
    assert.match(run.stdout + run.stderr, new RegExp(`custom-function\\.ts:${classLine}:\\d+: info: ✓ LegendrePolynomial3\\.backward agrees with finite differences`));
    assert.match(run.stdout, /LegendrePolynomial3\.apply/, 'the file was annotated');
  });
});
