/**
 * The analyzer against real PyTorch: oracle cases made of ops the subset writes as plain method calls
 * are turned into TypeScript, analysed, and every value, leaf gradient and grad_fn name is compared
 * with what PyTorch 1.13 produced (test/fixtures/oracle/cases.json).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, analyzeChecked, binding } from './helpers';

interface TensorSpec { shape: number[]; dtype: string; data: (number | boolean)[]; requires_grad?: boolean }
interface Step { out?: string; op: string; args: (string | number | null)[]; kwargs?: Record<string, unknown>; no_grad?: boolean }
interface Case {
  id: string;
  inputs: Record<string, TensorSpec>;
  program: Step[];
  output: string | null;
  grad_output?: TensorSpec;
  expected: { values: Record<string, { data: number[] }>; grads: Record<string, { data: number[] } | null>; grad_fn: Record<string, string | null> };
  tolerance: { rtol: number; atol: number };
}

const METHODS = new Set(['add', 'sub', 'mul', 'div', 'pow', 'neg', 'exp', 'log', 'sqrt', 'abs', 'sin', 'cos', 'tanh', 'sigmoid', 'relu', 'maximum', 'minimum', 'matmul']);
const FUNCTIONAL: Record<string, string> = { softmax: 'softmax', log_softmax: 'logSoftmax' };

function literal(spec: TensorSpec): string {
  const rg = spec.requires_grad ? ', requiresGrad: true' : '';
  return `fromFlat(${JSON.stringify(spec.data)}, ${JSON.stringify(spec.shape)}, { dtype: '${spec.dtype}'${rg} })`;
}

/** The case as TypeScript, or undefined when it uses something this table does not translate. */
function toSource(c: Case): string | undefined {
  if (c.output === null) return undefined;
  const lines = [`import { fromFlat, F } from 'gradlens';`];
  for (const [name, spec] of Object.entries(c.inputs)) lines.push(`const ${name} = ${literal(spec)};`);
  for (const s of c.program) {
    const kw = s.kwargs ?? {};
    const [first, ...rest] = s.args;
    if (!s.out || s.no_grad || typeof first !== 'string' || rest.some((a) => a === null)) return undefined;
    const args = rest.map((a) => String(a));
    let call: string;
    if (METHODS.has(s.op) && Object.keys(kw).length === 0) call = `${first}.${s.op}(${args.join(', ')})`;
    else if ((s.op === 'sum' || s.op === 'mean') && rest.length === 0 && Object.keys(kw).every((k) => k === 'dim' || k === 'keepdim')) {
      call = kw.dim === undefined ? `${first}.${s.op}()` : `${first}.${s.op}(${JSON.stringify(kw.dim)}, ${Boolean(kw.keepdim)})`;
    } else if (s.op === 'transpose' && rest.length === 0) call = `${first}.transpose(${Number(kw.dim0)}, ${Number(kw.dim1)})`;
    else if (FUNCTIONAL[s.op] && rest.length === 0 && Object.keys(kw).join() === 'dim') call = `F.${FUNCTIONAL[s.op]}(${first}, ${Number(kw.dim)})`;
    else return undefined;
    lines.push(`const ${s.out} = ${call};`);
  }
  lines.push(c.grad_output ? `${c.output}.backward(${literal(c.grad_output)});` : `${c.output}.backward();`);
  return lines.join('\n') + '\n';
}

function close(actual: readonly unknown[] | undefined, expected: readonly number[], tol: Case['tolerance'], what: string): void {
  assert.ok(actual && actual.length === expected.length, `${what}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`);
  expected.forEach((e, i) => {
    const a = Number(actual[i]);
    assert.ok(Math.abs(a - e) <= tol.atol + tol.rtol * Math.abs(e), `${what}[${i}]: ${a} vs ${e}`);
  });
}

const cases = (JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'oracle', 'cases.json'), 'utf8')) as { cases: Case[] }).cases;
const translated = cases.map((c) => ({ c, source: toSource(c) })).filter((x): x is { c: Case; source: string } => x.source !== undefined);

describe('analysis: oracle cases (PyTorch 1.13) through the analyzer', function () {
  this.timeout(20000);
  it('translates a good share of the oracle', () => {
    assert.ok(translated.length >= 60, `only ${translated.length} cases translated`);
  });

  for (const { c, source } of translated) {
    it(c.id, () => {
      const trace = analyzeChecked(source);
      assert.deepStrictEqual(trace.diagnostics.filter((d) => d.severity === 'error'), []);
      for (const [name, v] of Object.entries(c.expected.values)) close(binding(trace, name).value?.data, v.data, c.tolerance, `${name} value`);
      for (const [name, g] of Object.entries(c.expected.grads)) {
        const b = binding(trace, name);
        if (g === null) assert.strictEqual(b.grad, null, `${name} grad`);
        else close(b.grad?.data, g.data, c.tolerance, `${name} grad`);
      }
      for (const [name, fn] of Object.entries(c.expected.grad_fn)) {
        assert.strictEqual(binding(trace, name).gradFn, fn, `${name} grad_fn`);
      }
    });
  }
});
