/**
 * The editor's side of the debugger (issue 20), on real traces: the hover's why sections and the quick
 * fixes, each fix applied and the file analysed again.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../extension/analysis';
import type { Trace } from '../../extension/analysis/trace';
import { hoverMarkdown } from '../../extension/host/hover-text';
import { fixesFor, type TextFix } from '../../extension/host/fixes';

const ROOT = path.join(__dirname, '..', '..', '..');
const example = (f: string): string => fs.readFileSync(path.join(ROOT, 'examples', 'debugging', f), 'utf8');
const H = `import { tensor } from 'gradlens';\n`;

function lines(source: string): (n: number) => string | undefined {
  const all = source.split('\n');
  return (n) => all[n - 1];
}

/** The source with one fix applied (single-line ranges only, as the fixes make). */
function apply(source: string, fix: TextFix): string {
  const all = source.split('\n');
  const line = all[fix.line - 1];
  all[fix.line - 1] = line.slice(0, fix.column - 1) + fix.text + line.slice(fix.endColumn - 1);
  return all.join('\n');
}

function loud(trace: Trace): string[] {
  return trace.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code);
}

describe('debugger in the editor: hover sections', () => {
  it('x in nan-sqrt-where.ts: "∇ is NaN because" each origin, with its line', () => {
    const trace = analyze(example('nan-sqrt-where.ts'));
    const x = trace.bindings.find((b) => b.name === 'x')!;
    const md = hoverMarkdown(x, trace, 4, undefined);
    const because = md.split('\n\n').filter((p) => p.startsWith('∇ is NaN because'));
    assert.equal(because.length, 2, md);
    assert.match(because[0], /\(line 8\)$/);
    assert.match(because[1], /\(line 6\)$/);
  });

  it('b in unused-parameter.ts: "no ∇ because" no backward() reaches it', () => {
    const trace = analyze(example('unused-parameter.ts'));
    const md = hoverMarkdown(trace.bindings.find((b) => b.name === 'b')!, trace, 4, undefined);
    assert.match(md, /no ∇ because: b requires grad but no backward\\\(\\\) reaches it/);
  });

  it('a binding with a finite gradient gets no why section', () => {
    const trace = analyze(example('nan-sqrt-where.ts'));
    const md = hoverMarkdown(trace.bindings.find((b) => b.name === 'loss')!, trace, 4, undefined);
    assert.doesNotMatch(md, /because/);
  });
});

describe('debugger in the editor: quick fixes', () => {
  it('adds h.retainGrad() after the line that makes h; the warning goes and h shows its gradient', () => {
    const source = `${H}const w = tensor([1, 2], { requiresGrad: true });\nconst h = w.mul(2);\nh.sum().backward();\nconsole.log(h.grad);\n`;
    const trace = analyze(source);
    const d = trace.diagnostics.find((x) => x.code === 'grad-missing')!;
    const [fix] = fixesFor(d, lines(source));
    assert.equal(fix.title, 'Add h.retainGrad()');
    const fixed = apply(source, fix);
    assert.match(fixed, /const h = w\.mul\(2\);\nh\.retainGrad\(\);\nh\.sum/);
    const again = analyze(fixed);
    assert.deepEqual(again.diagnostics, []);
    assert.deepEqual(again.logs.map((l) => l.text), ['tensor([1., 1.])']);
  });

  it('passes { retainGraph: true } to the first backward(); the second one then runs', () => {
    const source = example('second-backward.ts');
    const trace = analyze(source);
    const d = trace.diagnostics.find((x) => x.code === 'backward-twice')!;
    const [fix] = fixesFor(d, lines(source));
    const fixed = apply(source, fix);
    assert.match(fixed, /\nloss\.backward\(undefined, \{ retainGraph: true \}\);\nconsole/);
    assert.deepEqual(loud(analyze(fixed)), []);
  });

  it('offers nothing where it is not certain (a retainGrad line that is not a plain declaration)', () => {
    const source = `${H}const w = tensor([1, 2], { requiresGrad: true });\nlet h; h = w.mul(2);\nh.sum().backward();\nconsole.log(h.grad);\n`;
    const d = analyze(source).diagnostics.find((x) => x.code === 'grad-missing');
    assert.ok(d);
    assert.deepEqual(fixesFor(d, lines(source)), []);
  });
});
