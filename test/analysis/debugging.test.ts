/**
 * The backward-pass debugger (issue 20) on examples/debugging/: each example's diagnostics (codes, ranges,
 * related lines), and every number a message states checked against PyTorch 1.13
 * (debugging/expected.json, written by debugging/expected.py with real PyTorch).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, analyzeChecked, binding } from './helpers';
import type { Diagnostic, JsonNumber, Trace } from '../../extension/analysis/trace';

type Expected = Record<string, JsonNumber[] | JsonNumber | string | boolean | null>;
const EXPECTED = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'analysis', 'debugging', 'expected.json'), 'utf8')) as Record<string, Expected>;
const DIR = path.join(ROOT, 'examples', 'debugging');

function run(file: string, options: Parameters<typeof analyzeChecked>[1] = {}): Trace {
  return analyzeChecked(fs.readFileSync(path.join(DIR, file), 'utf8'), { fileName: file, ...options });
}

/** A number as messages write it (`nan`, `inf`, `-inf`, decimals). */
function parse(s: string): number {
  return s === 'nan' ? NaN : s === 'inf' ? Infinity : s === '-inf' ? -Infinity : Number(s);
}

function fromJson(x: JsonNumber): number {
  return x === 'NaN' ? NaN : x === 'Infinity' ? Infinity : x === '-Infinity' ? -Infinity : x;
}

/** The number a message states (first capture of `re`) is PyTorch's `expected`: same class, within 5 significant digits. */
function states(text: string, re: RegExp, expected: JsonNumber, what: string): void {
  const m = re.exec(text);
  assert.ok(m, `${what}: ${re} in "${text}"`);
  const got = parse(m[1]);
  const want = fromJson(expected);
  if (!Number.isFinite(want)) assert.ok(Object.is(got, want) || (Number.isNaN(got) && Number.isNaN(want)), `${what}: ${got} vs PyTorch ${want}`);
  else assert.ok(Math.abs(got - want) <= 1e-4 * Math.max(1, Math.abs(want)), `${what}: ${got} vs PyTorch ${want}`);
}

function at(list: JsonNumber[] | unknown, i: number): JsonNumber {
  return (list as JsonNumber[])[i];
}

/** Diagnostics but info, as [code, line, column, endLine, endColumn, related lines]. */
function shape(ds: readonly Diagnostic[]): [string, number, number, number, number, number[]][] {
  return ds.map((d) => [d.code, d.line, d.column, d.endLine, d.endColumn, (d.related ?? []).map((r) => r.line)]);
}

function loud(trace: Trace): Diagnostic[] {
  return trace.diagnostics.filter((d) => d.severity !== 'info');
}

function gradData(trace: Trace, name: string): JsonNumber[] | null {
  return binding(trace, name).grad?.data ?? null;
}

function sameNumbers(got: readonly JsonNumber[] | null, want: unknown, what: string): void {
  if (want === null) return assert.strictEqual(got, null, what);
  const w = want as JsonNumber[];
  assert.ok(got && got.length === w.length, what);
  got.forEach((g, i) => states(String(g === 'NaN' ? 'nan' : g === 'Infinity' ? 'inf' : g === '-Infinity' ? '-inf' : g), /(.*)/, w[i], `${what}[${i}]`));
}

describe('debugging: where a NaN came from', () => {
  it('nan-sqrt-where.ts: one nan-origin at x.log() and one at x.sqrt(), each reaching x.grad[0], in PyTorch\'s numbers', () => {
    const e = EXPECTED['nan-sqrt-where.ts'];
    const trace = run('nan-sqrt-where.ts');
    assert.deepStrictEqual(shape(loud(trace)), [['nan-origin', 8, 29, 8, 36, [5]], ['nan-origin', 6, 11, 6, 19, [5]]]);
    const [log, sqrt] = loud(trace);
    states(log.message, /log\((\S+)\) = \S+ at \[0\]/, at(e.x, 0), 'x[0]');
    states(log.message, /log\(\S+\) = (\S+) at \[0\]/, at(e.log_x, 0), 'log(x)[0]');
    states(log.message, /log'\(\S+\) = \S+; upstream gradient (\S+)/, at(e.log_upstream, 0), 'gradient into x.log()');
    states(log.message, /= (\S+) in the gradient of x\[0\]/, at(e.via_log, 0), 'the log branch\'s part of x.grad[0]');
    states(sqrt.message, /upstream gradient (\S+)/, at(e.sqrt_upstream, 0), 'r.grad[0]');
    states(sqrt.message, /= (\S+) in the gradient of x\[0\]/, at(e.via_sqrt, 0), 'the sqrt branch\'s part of x.grad[0]');
    for (const d of [log, sqrt]) states(d.related![0].message, /x\.grad\[0\] = (\S+)/, at(e.x_grad, 0), 'x.grad[0]');
    sameNumbers(gradData(trace, 'x'), e.x_grad, 'x.grad unchanged');
  });

  it('nan-zero-norm.ts: the hand-written norm\'s sqrt is the origin; sum and pow carry it; v.grad is nan', () => {
    const e = EXPECTED['nan-zero-norm.ts'];
    const trace = run('nan-zero-norm.ts');
    assert.deepStrictEqual(shape(loud(trace)), [['nan-origin', 5, 14, 5, 35, [5, 5, 4]]]);
    const [d] = loud(trace);
    states(d.message, /sqrt'\((\S+)\)/, at(e.sum, 0), 'the sum under the root');
    states(d.message, /upstream gradient (\S+)/, e.norm_grad as JsonNumber, 'upstream gradient');
    states(d.message, /= (\S+) in the gradient of/, at(e.sum_grad, 0), 'gradient of the sum');
    states(d.related![2].message, /v\.grad\[0\] = (\S+)/, at(e.v_grad, 0), 'v.grad[0]');
    sameNumbers(gradData(trace, 'v'), e.v_grad, 'v.grad unchanged');
  });
});

describe('debugging: why a gradient is missing', () => {
  it('unused-parameter.ts: an unused-leaf warning at b, and the null read says no backward reached it', () => {
    const e = EXPECTED['unused-parameter.ts'];
    const trace = run('unused-parameter.ts');
    assert.deepStrictEqual(shape(loud(trace)), [['unused-leaf', 5, 7, 5, 8, [8]]]);
    const read = trace.diagnostics.filter((d) => d.code === 'grad-missing');
    assert.deepStrictEqual(shape(read), [['grad-missing', 10, 13, 10, 19, [8]]]);
    assert.match(read[0].message, /b\.grad is null: no backward\(\) reached it/);
    sameNumbers(gradData(trace, 'w'), e.w_grad, 'w.grad');
    assert.strictEqual(e.b_grad, null);
    assert.strictEqual(gradData(trace, 'b'), null);
    // the graph draws b beside the target's graph, marked unused, with no edge
    const b = trace.graph.nodes.filter((n) => n.outside !== undefined);
    assert.deepStrictEqual(b.map((n) => [n.label, n.outside, n.range?.line]), [['b', 'unused', 5]]);
    assert.ok(!trace.graph.edges.some((x) => x.from === b[0].id || x.to === b[0].id));
  });

  it('detach-cut.ts: a graph-cut warning at w.detach(), and the null read of w.grad points at it', () => {
    const e = EXPECTED['detach-cut.ts'];
    const trace = run('detach-cut.ts');
    assert.deepStrictEqual(shape(loud(trace)), [['graph-cut', 6, 11, 6, 21, [4, 8]]]);
    const read = trace.diagnostics.filter((d) => d.code === 'grad-missing');
    assert.deepStrictEqual(shape(read), [['grad-missing', 10, 13, 10, 19, [6, 8]]]);
    assert.match(read[0].message, /cut at line 6: `w\.detach\(\)`/);
    sameNumbers(gradData(trace, 'c'), e.c_grad, 'c.grad');
    assert.strictEqual(e.w_grad, null);
    // the graph draws w, cut off, with a dashed edge into the MulBackward0 that used y = w.detach().mul(3)
    const w = trace.graph.nodes.filter((n) => n.outside !== undefined);
    assert.deepStrictEqual(w.map((n) => [n.label, n.outside]), [['w', 'cut']]);
    const cut = trace.graph.edges.filter((x) => x.cut !== undefined);
    assert.deepStrictEqual(cut.map((x) => [x.from, trace.graph.nodes.find((n) => n.id === x.to)?.gradFn, x.index, x.cut]),
      [[w[0].id, 'MulBackward0', 1, 'cut by `w.detach()` (line 6)']]);
  });
});

describe('debugging: errors with both ends', () => {
  it('inplace-error.ts: PyTorch\'s error (without the anomaly hint) with the in-place line and the saving op as related locations', () => {
    const e = EXPECTED['inplace-error.ts'];
    const trace = run('inplace-error.ts');
    assert.deepStrictEqual(shape(loud(trace)), [['inplace-modified', 9, 1, 9, 16, [7, 6]]]);
    const [d] = loud(trace);
    const torchText = String(e.message).replace(/ Hint: .*$/, '');
    assert.ok(d.message.startsWith(`[backward] ${torchText}`), d.message);
    assert.doesNotMatch(d.message, /set_detect_anomaly/);
    assert.match(d.related![0].message, /e\.mul_\(2\)/);
    assert.match(d.related![1].message, /e\.pow\(2\).*PowBackward0/);
  });

  it('inplace-error.ts with a picked target: no second warning about the same graph', () => {
    const trace = run('inplace-error.ts', { target: { name: 'loss' } });
    assert.deepStrictEqual(loud(trace).map((d) => d.code), ['inplace-modified']);
  });

  it('second-backward.ts: backward-twice names the first backward() and the retainGraph fix', () => {
    const e = EXPECTED['second-backward.ts'];
    const trace = run('second-backward.ts');
    assert.deepStrictEqual(shape(loud(trace)), [['backward-twice', 8, 1, 8, 16, [6]]]);
    const [d] = loud(trace);
    assert.ok(d.message.includes(String(e.message)), d.message);
    assert.match(d.message, /first backward\(\) at line 6 .*retainGraph: true/);
    sameNumbers(gradData(trace, 'a'), e.a_grad, 'a.grad after the first backward');
  });
});

describe('debugging: mistakes that run on quietly or fail far from their cause', () => {
  it('forgot-zero-grad.ts: grad-accumulated at the backward() in the loop, the step as related; PyTorch\'s losses and weights', () => {
    const e = EXPECTED['forgot-zero-grad.ts'];
    const trace = run('forgot-zero-grad.ts');
    assert.deepStrictEqual(shape(loud(trace)), [['grad-accumulated', 10, 3, 10, 18, [11]]]);
    assert.match(loud(trace)[0].message, /Call opt\.zeroGrad\(\) before backward\(\)/);
    sameNumbers((binding(trace, 'loss').history ?? null) as JsonNumber[] | null, e.losses, 'loss at each step');
    sameNumbers(binding(trace, 'w').finalValue?.data ?? null, e.w, 'w after five steps');
    sameNumbers(gradData(trace, 'w'), e.w_grad, 'w.grad, the sum of five gradients');
  });

  it('lost-graph.ts: PyTorch\'s error at backward(), traced back to the tensor rebuilt from tolist() numbers', () => {
    const e = EXPECTED['lost-graph.ts'];
    const trace = run('lost-graph.ts');
    assert.deepStrictEqual(shape(loud(trace)), [['graph-cut', 9, 1, 9, 16, [7]]]);
    const [d] = loud(trace);
    assert.ok(d.message.startsWith(`[backward] ${String(e.message)} (loss is computed from probs, and probs was made at line 7 from \`logits.sigmoid().tolist()\``), d.message);
    sameNumbers(binding(trace, 'probs').value?.data ?? null, e.probs, 'probs');
    states(String(binding(trace, 'loss').value?.data[0]), /(.*)/, e.loss as JsonNumber, 'loss');
    assert.strictEqual(e.w_grad, null);
  });

  it('linear-in-features.ts: PyTorch\'s mat1/mat2 text at the call; the lines after it are still evaluated', () => {
    const e = EXPECTED['linear-in-features.ts'];
    const trace = run('linear-in-features.ts');
    assert.deepStrictEqual(shape(loud(trace)), [['shape', 6, 11, 6, 30, []]]);
    assert.ok(loud(trace)[0].message.endsWith(`] ${String(e.message)}`), loud(trace)[0].message);
    assert.match(binding(trace, 'h').unknown ?? '', /the engine failed here/);
    states(String(binding(trace, 'fixed').value?.data[0]), /(.*)/, e.fixed as JsonNumber, 'fixed');
    sameNumbers(gradData(trace, 'x'), e.x_grad, 'x.grad');
  });
});
