/**
 * The in-place unary and clamping ops in an analysed file: the line of `y.relu_()` is a binding of y
 * showing its new value and grad_fn, each checked against what a real run of the file prints there.
 */
import * as assert from 'assert';
import { analyzeChecked, binding, runInProcess } from './helpers';

const H = `import { tensor, noGrad } from 'gradlens';\n`;

/** Each row: code whose every checked line is followed by a print of the binding; [name, line, log index]. */
const ROWS: { title: string; code: string; checks: [string, number, number][] }[] = [
  {
    title: 'each op\'s line shows the receiver after it (value and grad_fn)',
    code: `${H}const x = tensor([-1.0, -0.25, 0.0, 0.5, 2.0], { requiresGrad: true });
const y = x.mul(1.5);
y.relu_(); console.log(y.toString());
y.clamp_(0.25, 2.0); console.log(y.toString());
y.sqrt_(); console.log(y.toString());
y.pow_(3); console.log(y.toString());
y.neg_().abs_(); console.log(y.toString());
y.tanh_(); console.log(y.toString());
y.sigmoid_(); console.log(y.toString());
y.exp_(); console.log(y.toString());
y.clampMin_(1.5).clampMax_(1.9); console.log(y.toString());`,
    checks: [['y', 4, 0], ['y', 5, 1], ['y', 6, 2], ['y', 7, 3], ['y', 8, 4], ['y', 9, 5], ['y', 10, 6], ['y', 11, 7], ['y', 12, 8]],
  },
  {
    title: 'a chain of in-place calls on a field shows the field after the last call',
    code: `${H}class Layer {
  w = tensor([-1.0, 0.5, 2.0]);
  step() { this.w.mul_(0.5).add_(-0.5).relu_(); console.log(this.w.toString()); }
}
new Layer().step();`,
    checks: [['this.w', 4, 0]],
  },
  {
    title: 'weight clipping under noGrad: the leaf is written and stays a leaf',
    code: `${H}const w = tensor([-2.0, 0.5, 3.0], { requiresGrad: true });
noGrad(() => { w.clamp_(-1, 1); }); console.log(w.toString());
const loss = w.mul(w).sum();
loss.backward();
console.log(w.grad!.toString());`,
    checks: [['w', 3, 0]],
  },
];

describe('analysis: in-place unary ops show the receiver after the call', () => {
  for (const row of ROWS) {
    it(row.title, async () => {
      const trace = analyzeChecked(row.code);
      assert.deepStrictEqual(trace.diagnostics.map((d) => `${d.line}: ${d.message}`), []);
      const real = await runInProcess(row.code);
      assert.deepStrictEqual(trace.logs.map((l) => l.text), real, 'console.log output');
      for (const [name, line, k] of row.checks) assert.strictEqual(binding(trace, name, line).value?.text, real[k], `${name}@${line}`);
    });
  }

  it('the version error names the in-place op that saved its result and the one that changed it after', () => {
    const code = `${H}const x = tensor([-1.0, 0.5, 2.0], { requiresGrad: true });
const y = x.mul(2);
y.relu_();
y.mul_(2);
y.sum().backward();`;
    const errs = analyzeChecked(code).diagnostics.filter((d) => d.severity === 'error');
    assert.strictEqual(errs.length, 1, JSON.stringify(errs));
    assert.ok(errs[0].message.includes('which is output 0 of ReluBackward0, is at version 2; expected version 1 instead.'), errs[0].message);
    assert.ok(errs[0].message.endsWith('`y.mul_(2)` at line 5 changed y after `y.relu_()` at line 4 saved it; use the out-of-place op or a clone() there.'), errs[0].message);
  });

  it('the leaf error names the op\'s line, as a real run throws it', async () => {
    const code = `${H}const w = tensor([1.0, 2.0], { requiresGrad: true });
w.relu_();`;
    const trace = analyzeChecked(code);
    await assert.rejects(runInProcess(code), /a leaf Variable that requires grad is being used in an in-place operation/);
    const errs = trace.diagnostics.filter((d) => d.severity === 'error');
    assert.ok(errs.some((d) => d.line === 3 && /a leaf Variable that requires grad is being used in an in-place operation/.test(d.message)), JSON.stringify(errs));
  });
});
