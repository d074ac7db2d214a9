/**
 * Bindings, values and gradients on tensor code (extension/analysis/README.md), each row checked against the same code run
 * for real with the engine: a row's code ends by printing, for real, what the trace must show.
 * `checks` pairs a binding (name, optional line) and a field with the index of the real run's log line.
 */
import * as assert from 'assert';
import type { Binding } from '../../extension/analysis/trace';
import { analyzeChecked, binding, runInProcess } from './helpers';

type Field = 'value' | 'grad' | 'finalValue';
interface Row {
  title: string;
  code: string;
  checks: [name: string, line: number | undefined, field: Field, logIndex: number][];
  /** Bindings that must have no gradient. */
  noGrad?: string[];
}

const H = `import { tensor, zeros, ones, randn, arange, noGrad, manualSeed, autograd } from 'gradlens';\n`;

const ROWS: Row[] = [
  {
    title: 'default target: leaves show .grad at the end, non-leaves what the last backward sent into them',
    code: `${H}const a = tensor([1.0, 2.0, 3.0], { requiresGrad: true });
const b = a.mul(a);
const c = b.sum();
c.backward();
b.retainGrad();
const b2 = a.mul(a); b2.retainGrad(); b2.sum().backward();
console.log(a.grad?.toString()); console.log(b2.grad?.toString()); console.log(c.toString());`,
    checks: [['a', 2, 'grad', 0], ['b2', undefined, 'grad', 1], ['c', undefined, 'value', 2]],
  },
  {
    title: 'gradients accumulate across backward() calls (a forgotten zeroGrad shows)',
    code: `${H}const w = tensor([0.5, -1.0], { requiresGrad: true });
const l1 = w.mul(3).sum();
l1.backward();
const l2 = w.pow(2).sum();
l2.backward();
console.log(w.grad?.toString());`,
    checks: [['w', undefined, 'grad', 0]],
  },
  {
    title: 'broadcast gradients are summed back to the input shape',
    code: `${H}const col = tensor([[1.0], [2.0]], { requiresGrad: true });
const row = tensor([1.0, 10.0, 100.0], { requiresGrad: true });
const out = col.mul(row).mean();
out.backward();
console.log(col.grad?.toString()); console.log(row.grad?.toString()); console.log(out.toString());`,
    checks: [['col', undefined, 'grad', 0], ['row', undefined, 'grad', 1], ['out', undefined, 'value', 2]],
  },
  {
    title: 'a snapshot keeps the value when the line ran; finalValue shows the end of the file',
    code: `${H}const v = tensor([1.0, 2.0]);
const before = v.toString();
v.add_(10);
console.log(before); console.log(v.toString());`,
    checks: [['v', 2, 'value', 0], ['v', 2, 'finalValue', 1], ['v', 4, 'value', 1]],
  },
  {
    title: 'in-place updates under noGrad are bindings of the receiver',
    code: `${H}const p = tensor([1.0, -1.0], { requiresGrad: true });
const loss = p.pow(2).sum();
loss.backward();
noGrad(() => { p.sub_(p.grad!.mul(0.1)); });
console.log(p.toString());`,
    checks: [['p', 5, 'value', 0]],
  },
  {
    title: 'class fields holding tensors are bindings named this.x',
    code: `${H}manualSeed(3);
class Model {
  w = randn([2, 2], { requiresGrad: true });
  b: any;
  constructor() { this.b = zeros([2], { requiresGrad: true }); }
  forward(x: any) { return x.matmul(this.w).add(this.b); }
}
const m = new Model();
const y = m.forward(ones([1, 2])).sum();
y.backward();
console.log(m.w.toString()); console.log(m.w.grad?.toString()); console.log(m.b.grad?.toString());`,
    checks: [['this.w', undefined, 'value', 0], ['this.w', undefined, 'grad', 1], ['this.b', undefined, 'grad', 2]],
  },
  {
    title: 'a loop shows its last iteration',
    code: `${H}let acc = tensor(0.0, { requiresGrad: true });
const start = acc;
for (let i = 1; i <= 4; i++) {
  acc = acc.add(i).mul(0.5);
}
acc.backward();
console.log(acc.toString()); console.log(start.grad?.toString());`,
    checks: [['acc', 5, 'value', 0], ['start', undefined, 'grad', 1]],
  },
  {
    title: 'destructuring and for...of variables are bindings',
    code: `${H}const m = tensor([[1.0, 5.0], [7.0, 2.0]]);
const { values, indices } = m.max(1);
const [r0, r1] = [m.select(0, 0), m.select(0, 1)];
let last = '';
for (const row of [r0, r1]) { last = row.toString(); }
console.log(values.toString()); console.log(indices.toString()); console.log(r1.toString()); console.log(last);`,
    checks: [['values', undefined, 'value', 0], ['indices', undefined, 'value', 1], ['r1', undefined, 'value', 2], ['row', undefined, 'value', 3]],
  },
  {
    title: 'numbers taken from tensors are bindings of kind number',
    code: `${H}const t = tensor([1.5, 2.5]);
const total = t.sum().item();
console.log(String(total));`,
    checks: [['total', undefined, 'value', 0]],
  },
  {
    title: 'without backward(), the last scalar is the target and gradients come from a separate pass',
    code: `${H}const x = tensor([1.0, 2.0], { requiresGrad: true });
const unrelated = tensor(5.0, { requiresGrad: true }).mul(2);
const y = x.exp().sum();
const [gx] = autograd.grad([y], [x]);
console.log(gx!.toString()); console.log(x.grad === null ? 'x.grad untouched' : 'x.grad set');`,
    checks: [['x', undefined, 'grad', 0]],
    noGrad: ['unrelated'],
  },
  {
    title: 'second derivatives through autograd.grad with createGraph',
    code: `${H}const x = tensor(1.5, { requiresGrad: true, dtype: 'float64' });
const y = x.pow(3).sub(x.mul(2));
const [dy] = autograd.grad([y], [x], { createGraph: true });
const [d2y] = autograd.grad([dy!], [x]);
console.log(dy!.toString()); console.log(d2y!.toString());`,
    checks: [['dy', undefined, 'value', 0], ['d2y', undefined, 'value', 1]],
  },
];

function text(b: Binding, field: Field): string | undefined {
  return b[field]?.text;
}

describe('analysis: tensor bindings and gradients against a real run', function () {
  this.timeout(20000);
  for (const row of ROWS) {
    it(row.title, async () => {
      const trace = analyzeChecked(row.code);
      const real = await runInProcess(row.code);
      assert.deepStrictEqual(trace.diagnostics.filter((d) => d.severity === 'error'), []);
      assert.deepStrictEqual(trace.logs.map((l) => l.text), real, 'console.log output');
      for (const [name, line, field, k] of row.checks) {
        assert.strictEqual(text(binding(trace, name, line), field), real[k], `${name}${line ? `@${line}` : ''}.${field}`);
      }
      for (const name of row.noGrad ?? []) assert.strictEqual(binding(trace, name).grad, null, `${name} has no path to the target`);
    });
  }
});
