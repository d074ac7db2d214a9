/**
 * The done-criterion of issue 15: a port of PyTorch's custom nn.Module tutorial (TwoLayerNet, from
 * "Learning PyTorch with Examples") and an nn.Sequential model, analysed and run for real, agree with
 * real PyTorch 1.13 (tutorials/expected.py wrote expected.json): the loss at every step, the last
 * output and loss with their grad_fn chains, and every parameter and its gradient by module path.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, analyzeChecked, binding, logTexts, runInProcess } from './helpers';
import type { JsonNumber } from '../../extension/analysis/trace';

interface Expected {
  losses: number[];
  output: Nested;
  outputChain: string[];
  loss: number;
  lossChain: string[];
  parameters: [string, Nested, Nested][];
  repr: string;
}
type Nested = number | Nested[];

const EXPECTED: Record<string, Expected> = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'analysis', 'tutorials', 'expected.json'), 'utf8'));

/** Printed at the end of each example by both runs: what PyTorch's script recorded, read through the public API. */
function probe(output: string, loss: string, model: string): string {
  return `
function chainOf(t: any): string[] {
  const out: string[] = [];
  const seen = new Set<unknown>();
  const queue = [t.gradFn];
  while (queue.length > 0) {
    const fn = queue.shift();
    if (!fn || seen.has(fn)) continue;
    seen.add(fn);
    out.push(fn.name);
    for (const [next] of fn.nextFunctions) queue.push(next);
  }
  return out;
}
console.log(JSON.stringify({ output: ${output}.tolist(), outputChain: chainOf(${output}), loss: ${loss}.item(), lossChain: chainOf(${loss}) }));
for (const [n, p] of ${model}.namedParameters()) console.log(JSON.stringify([n, p.tolist(), p.grad!.tolist()]));
`;
}

const CASES = [
  { file: 'custom-module.ts', output: 'yPred', loss: 'loss', model: 'model' },
  { file: 'sequential-model.ts', output: 'logits', loss: 'loss', model: 'model' },
];

function flat(v: Nested | JsonNumber): number[] {
  return Array.isArray(v) ? v.flatMap(flat) : [Number(v)];
}

/** float32 results of the same ops in another order: relative 1e-5, absolute 1e-6. */
function assertClose(actual: Nested | JsonNumber[], expected: Nested, what: string): void {
  const a = flat(actual as Nested);
  const e = flat(expected);
  assert.strictEqual(a.length, e.length, `${what}: ${a.length} values, expected ${e.length}`);
  a.forEach((x, i) => assert.ok(Math.abs(x - e[i]) <= 1e-6 + 1e-5 * Math.abs(e[i]), `${what}[${i}]: ${x}, PyTorch ${e[i]}`));
}

/** The probe's lines: the outputs, then one line per parameter (a console line is kept up to 10,000 characters). */
function checkAgainstPyTorch(lines: string[], expected: Expected, how: string): void {
  const tail = lines.slice(lines.length - 1 - expected.parameters.length);
  const got = { ...JSON.parse(tail[0]), parameters: tail.slice(1).map((l) => JSON.parse(l)) } as Omit<Expected, 'losses' | 'repr'>;
  assertClose(got.output, expected.output, `${how}: output`);
  assert.deepStrictEqual(got.outputChain, expected.outputChain, `${how}: the output's grad_fn chain`);
  assertClose(got.loss, expected.loss, `${how}: loss`);
  assert.deepStrictEqual(got.lossChain, expected.lossChain, `${how}: the loss's grad_fn chain`);
  assert.deepStrictEqual(got.parameters.map(([n]) => n), expected.parameters.map(([n]) => n), `${how}: parameter names and order`);
  got.parameters.forEach(([n, value, grad], i) => {
    assertClose(value, expected.parameters[i][1], `${how}: ${n}`);
    assertClose(grad, expected.parameters[i][2], `${how}: ${n}.grad`);
  });
}

describe('analysis: PyTorch tutorials ported with nn.Module and nn.Sequential agree with PyTorch 1.13', function () {
  this.timeout(60000);
  for (const c of CASES) {
    it(`examples/${c.file}: in the analyzer and in a real run`, async () => {
      const expected = EXPECTED[c.file];
      const source = fs.readFileSync(path.join(ROOT, 'examples', c.file), 'utf8') + probe(c.output, c.loss, c.model);
      const trace = analyzeChecked(source, { fileName: c.file });
      assert.deepStrictEqual(trace.diagnostics.filter((d) => d.severity !== 'info'), [], 'no diagnostics');
      const real = await runInProcess(source);
      assert.deepStrictEqual(logTexts(trace), real, 'the analyzer prints what the real run prints');
      checkAgainstPyTorch(real, expected, 'real run');
      checkAgainstPyTorch(logTexts(trace), expected, 'analyzer');
      // the loss binding in the loop: its value at every step
      const inLoop = trace.bindings.filter((b) => b.name === c.loss && b.iterations === expected.losses.length);
      assert.strictEqual(inLoop.length, 1, 'one loss binding ran once per step');
      assertClose(inLoop[0].history ?? [], expected.losses, 'the loss at each step');
      assert.strictEqual(binding(trace, c.loss).gradFn, expected.lossChain[0]);
    });
  }

  it('prints the model as PyTorch prints it', () => {
    const trace = analyzeChecked(fs.readFileSync(path.join(ROOT, 'examples', 'custom-module.ts'), 'utf8'));
    assert.strictEqual(logTexts(trace)[0], EXPECTED['custom-module.ts'].repr);
  });
});
