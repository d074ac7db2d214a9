/** Targets picked by the user, loops and history, uses, and what is not a binding (extension/analysis/README.md). */
import * as assert from 'assert';
import { analyzeChecked, binding, near, scalar } from './helpers';

const H = `import { tensor } from 'gradlens';\n`;

const CHAIN = `${H}const x = tensor(2.0, { requiresGrad: true });
const y = x.mul(x);
const z = y.add(x).mul(3);
z.backward();
`;

describe('analysis: targets', function () {
  this.timeout(20000);
  it('a picked target differentiates every binding with respect to it, leaving .grad alone', () => {
    const trace = analyzeChecked(CHAIN + 'console.log(x.grad?.toString());\n', { target: { name: 'y' } });
    assert.strictEqual(trace.target, 'y');
    assert.strictEqual(trace.targetKind, 'user');
    near(scalar(binding(trace, 'x').grad), 4); // dy/dx = 2x
    near(scalar(binding(trace, 'y').grad), 1);
    assert.strictEqual(binding(trace, 'z').grad, null, 'z does not lead to y');
    assert.deepStrictEqual(trace.logs.map((l) => l.text), ['tensor(15.)'], 'the file still prints its own .grad (dz/dx = 3(2x + 1))');
    // Like torch.autograd.grad, the separate pass stops at its inputs: no AccumulateGrad runs.
    assert.deepStrictEqual(trace.backwardSteps.map((s) => s.gradFn), ['MulBackward0']);
  });

  it('NAME@LINE picks among bindings of the same name', () => {
    const code = `${H}const x = tensor(3.0, { requiresGrad: true });
let h = x.mul(2);
h = h.mul(h);
h.backward();
`;
    const first = analyzeChecked(code, { target: { name: 'h', line: 3 } });
    assert.strictEqual(first.targetLine, 3);
    near(scalar(binding(first, 'x').grad), 2);
    const second = analyzeChecked(code, { target: { name: 'h', line: 4 } });
    near(scalar(binding(second, 'x').grad), 24); // d(4x^2)/dx = 8x at x = 3
    near(scalar(binding(second, 'h', 3).grad), 12); // d(h^2)/dh = 2h
  });

  it('a // @gradlens target comment picks the binding on its line', () => {
    const code = CHAIN.replace('const y = x.mul(x);', 'const y = x.mul(x); // @gradlens target');
    const trace = analyzeChecked(code);
    assert.strictEqual(trace.target, 'y');
    near(scalar(binding(trace, 'x').grad), 4);
  });

  it('a non-scalar target is differentiated as its sum', () => {
    const code = `${H}const x = tensor([1.0, 2.0, 3.0], { requiresGrad: true });
const sq = x.mul(x);
`;
    const trace = analyzeChecked(code, { target: { name: 'sq' } });
    assert.deepStrictEqual(binding(trace, 'x').grad?.data, [2, 4, 6]);
    assert.deepStrictEqual(binding(trace, 'sq').grad?.data, [1, 1, 1]);
  });

  it('an unknown target name is a diagnostic and the default target is used', () => {
    const trace = analyzeChecked(CHAIN, { target: { name: 'nope' } });
    assert.ok(trace.diagnostics.some((d) => d.code === 'target' && d.severity === 'warning'));
    assert.strictEqual(trace.target, 'z');
    assert.strictEqual(trace.targetKind, 'backward');
  });

  it('without backward() or autograd.grad there is no target and no gradient (x.grad would be null)', () => {
    const code = `${H}const a = tensor(2.0, { requiresGrad: true });
const b = a.mul(5);
const c = tensor(1.0);
`;
    const trace = analyzeChecked(code);
    assert.strictEqual(trace.target, null);
    assert.strictEqual(trace.targetKind, null);
    assert.deepStrictEqual(trace.bindings.map((b) => b.grad), [null, null, null]);
  });

  it('with autograd.grad and no backward() the implicit target is the output of the last autograd.grad', () => {
    const code = `import { tensor, autograd } from 'gradlens';
const a = tensor(2.0, { requiresGrad: true });
const b = a.mul(5);
const [g] = autograd.grad([b], [a]);
`;
    const trace = analyzeChecked(code);
    assert.strictEqual(trace.target, 'b');
    assert.strictEqual(trace.targetKind, 'grad');
    near(scalar(binding(trace, 'a').grad), 5);
  });
});

describe('analysis: loops, uses and what is not a binding', function () {
  this.timeout(20000);
  const code = `${H}let w = tensor(1.0, { requiresGrad: true });
function step(p: any) { return p.mul(0.5); }
for (let i = 0; i < 5; i++) {
  w = step(w);
}
const total = w.add(1);
`;
  const trace = analyzeChecked(code, { historyCap: 3 });

  it('a binding in a loop shows its last iteration, the count and a capped history (oldest first)', () => {
    const w = binding(trace, 'w', 5);
    assert.strictEqual(w.iterations, 5);
    near(scalar(w.value), 1 / 32);
    assert.deepStrictEqual(w.history, [0.125, 0.0625, 0.03125]);
    assert.strictEqual(binding(trace, 'w', 2).history, undefined);
  });

  it('function parameters are not bindings; ids follow first execution', () => {
    assert.deepStrictEqual(trace.bindings.map((b) => `${b.id}:${b.name}@${b.line}`), ['b0:w@2', 'b1:w@5', 'b2:total@7']);
  });

  it('uses point at the reads of the value a binding gave', () => {
    assert.deepStrictEqual(binding(trace, 'w', 2).uses.map((u) => [u.line, u.column]), [[5, 12]]);
    assert.deepStrictEqual(binding(trace, 'w', 5).uses.map((u) => [u.line, u.column]), [[5, 12], [7, 15]]);
  });

  it('the annotation line is the end of the binding statement', () => {
    const multi = analyzeChecked(`${H}const long = tensor(\n  [1.0, 2.0],\n);\n`);
    assert.strictEqual(binding(multi, 'long').line, 2);
    assert.strictEqual(binding(multi, 'long').statementEndLine, 4);
  });
});

describe('analysis: snapshot details', function () {
  this.timeout(20000);
  it('caps data at dataCap and says so; numbers from tensors have kind number', () => {
    const trace = analyzeChecked(`${H}import { arange } from 'gradlens';\nconst big = arange(2000);\nconst first = big.sum().item();\n`, { dataCap: 100 });
    const big = binding(trace, 'big');
    assert.strictEqual(big.value?.data.length, 100);
    assert.strictEqual(big.value?.truncated, true);
    assert.deepStrictEqual(big.value?.shape, [2000]);
    const first = binding(trace, 'first');
    assert.strictEqual(first.value?.kind, 'number');
    assert.strictEqual(first.value?.text, '1999000');
    assert.strictEqual(first.gradFn, null);
  });

  it('uses of this.x point at the reads of the field', () => {
    const trace = analyzeChecked(`${H}class M {\n  w = tensor(2.0);\n  f() { return this.w.mul(3); }\n}\nconst m = new M();\nconst out = m.f();\n`);
    assert.deepStrictEqual(binding(trace, 'this.w').uses.map((u) => [u.line, u.column, u.endColumn]), [[4, 16, 22]]);
  });
});
