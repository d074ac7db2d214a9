/**
 * `class F extends autograd.Function` in an analysed file: the interpreter runs forward and backward
 * itself and the engine records the node (extension/analysis/custom-function.ts). Each sample is
 * analysed and also run for real (bundled, gradlens resolved to the engine, whose own
 * autograd.Function is checked against torch in test/engine/function): the console output must agree.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, analyzeChecked, binding, errors, logTexts, runInProcess, scalar } from './helpers';
import { FIXTURE_DIR } from '../engine/oracle/fixtures';

interface Row {
  title: string;
  code: string;
  /** Its backward is not the derivative on purpose: the automatic check flags this Function. */
  flagged?: string;
}

const H = `import { autograd, tensor, enableGrad, type Tensor } from 'gradlens';\n`;

const LEGENDRE = `class LegendrePolynomial3 extends autograd.Function {
  static override forward(ctx: any, input: Tensor): Tensor {
    ctx.saveForBackward(input);
    return input.pow(3).mul(5).sub(input.mul(3)).mul(0.5);
  }
  static override backward(ctx: any, g: Tensor): Tensor {
    const [input] = ctx.savedTensors;
    return g.mul(input.pow(2).mul(5).sub(1).mul(1.5));
  }
}
`;

const EXP = `class Exp extends autograd.Function {
  static override forward(ctx: any, x: Tensor): Tensor {
    const out = x.exp();
    ctx.saveForBackward(out);
    return out;
  }
  static override backward(ctx: any, g: Tensor): Tensor {
    const [out] = ctx.savedTensors;
    return g.mul(out);
  }
}
`;

/** Two outputs and a non-tensor argument (its gradient is null). */
const SPLIT = `class ScaleBoth extends autograd.Function {
  static override forward(ctx: any, x: Tensor, k: number): Tensor[] {
    ctx.k = k;
    console.log('needs', ctx.needsInputGrad);
    return [x.mul(k), x.pow(2)];
  }
  static override backward(ctx: any, g1: Tensor | null, g2: Tensor | null): (Tensor | null)[] {
    console.log('materialized', g1 !== null, g2 !== null);
    const [x] = ctx.savedTensors.length > 0 ? ctx.savedTensors : [null];
    return [g1!.mul(ctx.k).add(g2!.mul(x!.mul(2))), null];
  }
}
`;

const ROWS: Row[] = [
  {
    title: 'the LegendrePolynomial3 tutorial: value, gradient, grad_fn name and next functions',
    code: `${H}${LEGENDRE}const x = tensor([-0.5, 0.25, 1.5], { requiresGrad: true });
const y = LegendrePolynomial3.apply(x.mul(2)) as Tensor;
console.log(y.tolist(), y.gradFn!.name, y.gradFn!.nextFunctions.map((e) => e[0]?.name));
y.sum().backward();
console.log(x.grad!.tolist());
`,
  },
  {
    title: 'an Exp that saves its output, used twice, gradients accumulated',
    code: `${H}${EXP}const x = tensor([0.5, -1, 2], { requiresGrad: true });
const a = Exp.apply(x) as Tensor;
const b = Exp.apply(a.mul(0.1)) as Tensor;
b.mul(a).sum().backward();
console.log(a.gradFn!.name, b.tolist(), x.grad!.tolist());
`,
  },
  {
    title: 'two outputs and a number argument: needsInputGrad, one node, null for the number',
    code: `${H}${SPLIT.replace('ctx.k = k;', 'ctx.k = k;\n    ctx.saveForBackward(x);')}const x = tensor([1, -2, 3], { requiresGrad: true });
const [p, q] = ScaleBoth.apply(x, 3) as Tensor[];
console.log(p.gradFn!.name, q.gradFn!.name, p.gradFn!.nextFunctions.length);
p.sum().add(q.sum()).backward();
console.log(x.grad!.tolist());
`,
  },
  {
    title: 'only one output used: zeros for the other (setMaterializeGrads default)',
    code: `${H}${SPLIT.replace('ctx.k = k;', 'ctx.k = k;\n    ctx.saveForBackward(x);')}const x = tensor([1, -2, 3], { requiresGrad: true });
const [p] = ScaleBoth.apply(x, 2) as Tensor[];
p.sum().backward();
console.log(x.grad!.tolist());
`,
  },
  {
    title: 'setMaterializeGrads(false): backward receives null for the unused output',
    code: `${H}class Pair extends autograd.Function {
  static override forward(ctx: any, x: Tensor): Tensor[] {
    ctx.setMaterializeGrads(false);
    return [x.mul(2), x.mul(3)];
  }
  static override backward(_ctx: any, g1: Tensor | null, g2: Tensor | null): Tensor {
    console.log('got', g1 === null, g2 === null);
    return g1 === null ? g2!.mul(3) : g1.mul(2);
  }
}
const x = tensor([1, 2], { requiresGrad: true });
const [, b] = Pair.apply(x) as Tensor[];
b.sum().backward();
console.log(x.grad!.tolist());
`,
  },
  {
    title: 'no input requires grad: forward only, no grad_fn',
    code: `${H}${LEGENDRE}const y = LegendrePolynomial3.apply(tensor([0.5, 2])) as Tensor;
console.log(y.tolist(), y.requiresGrad, y.gradFn === null);
`,
  },
  {
    title: 'markNonDifferentiable: the mask has no grad_fn',
    code: `${H}class Relu extends autograd.Function {
  static override forward(ctx: any, x: Tensor): Tensor[] {
    const mask = x.gt(0);
    ctx.markNonDifferentiable(mask);
    ctx.saveForBackward(mask);
    return [x.clamp(0), mask];
  }
  static override backward(ctx: any, g: Tensor): Tensor {
    const [mask] = ctx.savedTensors;
    return g.mul(mask);
  }
}
const x = tensor([-1, 2, 3], { requiresGrad: true });
const [r, m] = Relu.apply(x) as Tensor[];
console.log(r.gradFn!.name, m.requiresGrad);
r.mul(r).sum().backward();
console.log(x.grad!.tolist());
`,
  },
  {
    title: 'an input returned unchanged is a new tensor with the Function as grad_fn',
    code: `${H}class Same extends autograd.Function {
  static override forward(_ctx: any, x: Tensor): Tensor { return x; }
  static override backward(_ctx: any, g: Tensor): Tensor { return g.mul(4); }
}
const x = tensor([1, 2], { requiresGrad: true }).mul(1);
const y = Same.apply(x) as Tensor;
console.log(y === x, y.gradFn!.name);
y.sum().backward();
`,
    flagged: 'Same',
  },
  {
    title: 'a custom backward is differentiable: second derivative with createGraph',
    code: `${H}${LEGENDRE}const x = tensor([0.5, -1.5], { requiresGrad: true });
const y = LegendrePolynomial3.apply(x) as Tensor;
const [g] = autograd.grad(y.sum(), [x], { createGraph: true });
const [gg] = autograd.grad(g.sum(), [x]);
console.log(g.tolist(), gg!.tolist());
`,
  },
  {
    title: 'a Function applied inside enableGrad within another backward (nested)',
    code: `${H}${EXP}class Outer extends autograd.Function {
  static override forward(_ctx: any, x: Tensor): Tensor { return x.mul(2); }
  static override backward(_ctx: any, g: Tensor): Tensor {
    const z = g.detach().requiresGrad_();
    enableGrad(() => (Exp.apply(z) as Tensor).sum().backward());
    return z.grad!;
  }
}
const x = tensor([0.5, 1], { requiresGrad: true });
(Outer.apply(x) as Tensor).sum().backward();
console.log(x.grad!.tolist());
`,
    flagged: 'Outer',
  },
  {
    title: 'a backward returning too few gradients: the error torch raises, catchable',
    code: `${H}class Two extends autograd.Function {
  static override forward(_ctx: any, a: Tensor, b: Tensor): Tensor { return a.mul(b); }
  static override backward(_ctx: any, g: Tensor): Tensor { return g; }
}
const a = tensor([1, 2], { requiresGrad: true });
try {
  (Two.apply(a, tensor([3, 4])) as Tensor).sum().backward();
} catch (e) {
  console.log((e as Error).message);
}
`,
  },
  {
    title: 'no backward: applying works, backward raises (caught)',
    code: `${H}class NoBackward extends autograd.Function {
  static override forward(_ctx: any, x: Tensor): Tensor { return x.mul(2); }
}
const x = tensor([1, 2], { requiresGrad: true });
const y = NoBackward.apply(x) as Tensor;
console.log(y.tolist(), y.gradFn!.name);
try {
  y.sum().backward();
} catch (e) {
  console.log((e as Error).message);
}
`,
  },
];

describe('analysis: custom autograd.Function, each sample against a real run', function () {
  this.timeout(20000);
  for (const row of ROWS) {
    it(row.title, async () => {
      const trace = analyzeChecked(row.code);
      const real = await runInProcess(row.code);
      assert.deepStrictEqual(errors(trace).map((d) => d.message), [], 'no errors');
      assert.deepStrictEqual(logTexts(trace), real);
      const flagged = trace.diagnostics.filter((d) => d.code === 'gradcheck-mismatch').map((d) => /^(\w+)\.backward/.exec(d.message)?.[1]);
      assert.deepStrictEqual(flagged, row.flagged ? [row.flagged] : [], 'the check flags the wrong backwards only');
    });
  }
});

describe('analysis: custom autograd.Function with what the analysis cannot know', () => {
  const code = `import { autograd, tensor, type Tensor } from 'gradlens';
import { scale } from './elsewhere';
class Scaled extends autograd.Function {
  static override forward(_ctx: any, x: Tensor): Tensor { return x.mul(2); }
  static override backward(_ctx: any, g: Tensor): Tensor { return g.mul(scale); }
}
const x = tensor([1, 2], { requiresGrad: true });
const y = Scaled.apply(x) as Tensor;
y.sum().backward();
const seen = x.grad;
`;
  it('a saved tensor modified in place: backward\'s savedTensors say why they cannot be read, the gradient is unknown', () => {
    const src = `import { autograd, tensor, type Tensor } from 'gradlens';
class Sq extends autograd.Function {
  static override forward(ctx: any, x: Tensor): Tensor { ctx.saveForBackward(x); return x.mul(x); }
  static override backward(ctx: any, g: Tensor): Tensor {
    const [x] = ctx.savedTensors;
    return g.mul(x).mul(2);
  }
}
const w = tensor([1, 2], { requiresGrad: true });
const h = w.mul(1);
const y = Sq.apply(h) as Tensor;
h.add_(1);
y.sum().backward();
const seen = w.grad;
`;
    const trace = analyzeChecked(src);
    const warn = trace.diagnostics.filter((d) => d.code === 'engine' && d.line === 4);
    assert.strictEqual(warn.length, 1, JSON.stringify(trace.diagnostics));
    assert.match(warn[0].message, /savedTensors of Sq cannot be read: .*modified by an inplace operation/);
    assert.strictEqual(binding(trace, 'seen').value, null, 'no gradient shown');
  });

  it('a backward whose gradient is not known leaves the gradients unknown, never a number', () => {
    const trace = analyzeChecked(code);
    assert.strictEqual(binding(trace, 'x').grad, null, 'no gradient shown for x');
    const seen = binding(trace, 'seen');
    assert.strictEqual(seen.value, null);
    assert.match(seen.unknown ?? '', /scale/);
    assert.strictEqual(binding(trace, 'y').gradFn, 'ScaledBackward');
  });
});

interface Fit { points: number; steps: number; lr: number; grad_fn: string; losses: number[]; params: number[] }

/** float32 sums of 100 terms in another order than torch's (see test/engine/function/legendre-fit.test.ts). */
function close(got: number, exp: number, what: string): void {
  assert.ok(Math.abs(got - exp) <= 1e-6 + 2e-5 * Math.abs(exp), `${what}: ${got} vs torch ${exp}`);
}

describe('analysis: examples/custom-function.ts against torch 1.13', () => {
  it('gives the tutorial\'s losses, fitted parameters and grad_fn (100 points x 50 steps)', () => {
    const want = JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, 'custom', 'legendre-fit.json'), 'utf8')) as Fit;
    const source = fs.readFileSync(path.join(ROOT, 'examples', 'custom-function.ts'), 'utf8');
    assert.match(source, new RegExp(`linspace\\(-Math\\.PI, Math\\.PI, ${want.points}\\)[\\s\\S]*t < ${want.steps}[\\s\\S]*`), 'the example fits what the oracle fits');
    const trace = analyzeChecked(source, { fileName: 'custom-function.ts' });
    assert.deepStrictEqual(errors(trace), []);
    const p3 = binding(trace, 'p3');
    assert.strictEqual(p3.gradFn, want.grad_fn);
    const loss = binding(trace, 'loss', 32);
    (loss.history ?? []).forEach((l, i) => close(Number(l), want.losses[i], `loss at step ${i}`));
    assert.strictEqual(loss.history?.length, want.steps);
    ['a', 'b', 'c', 'd'].forEach((name, i) => {
      const b = binding(trace, name);
      close(scalar(b.finalValue ?? b.value), want.params[i], `parameter ${name}`);
    });
  });
});
