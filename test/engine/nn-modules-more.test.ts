/**
 * The conv, activation, shape and loss modules and ModuleList against real PyTorch 1.13: values,
 * gradients, grad_fn names and printing for parameters set from literals
 * (test/engine/nn-modules-more/expected.py wrote expected.json), and the conv layers' default
 * initialisation (the library's generator: torch's bounds, not torch's draws).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { nn, tensor, noGrad, manualSeed, setDefaultDtype, getDefaultDtype, arange, ArgumentError, type Tensor } from '../../engine/index';

const ROOT = path.resolve(__dirname, '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the fixture's JSON, read per case below
const CASES: Record<string, any> = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'engine', 'nn-modules-more', 'expected.json'), 'utf8')).cases;

type Nested = number | Nested[];

function flat(v: Nested): number[] {
  return Array.isArray(v) ? v.flatMap(flat) : [v];
}

function assertClose(actual: Tensor | null | undefined, expected: Nested, what: string, tol = 1e-12): void {
  assert.ok(actual, `${what}: no tensor`);
  const a = Array.from(actual.dataSync());
  const e = flat(expected);
  assert.strictEqual(a.length, e.length, `${what}: ${a.length} values, expected ${e.length}`);
  a.forEach((x, i) => assert.ok(Math.abs(x - e[i]) <= tol * Math.max(1, Math.abs(e[i])), `${what}[${i}]: ${x} != ${e[i]}`));
}

function chain(t: Tensor): [string | null, (string | null)[]] {
  const fn = t.gradFn;
  return [fn?.name ?? null, (fn?.nextFunctions ?? []).map(([n]) => n?.name ?? null)];
}

/** The python script's arange(*shape, scale, shift): 0, scale, 2·scale, ... plus shift, reshaped. */
function pattern(shape: readonly number[], scale: number, shift = 0): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return arange(n).mul(scale).add(shift).reshape([...shape]);
}

describe('nn conv, activation, shape and loss modules equal PyTorch 1.13 (parameters from literals)', () => {
  let dtype0: ReturnType<typeof getDefaultDtype>;
  before(() => {
    dtype0 = getDefaultDtype();
    setDefaultDtype('float64');
  });
  after(() => setDefaultDtype(dtype0));

  const CONVS: [string, () => nn.Conv1d | nn.Conv2d, number[]][] = [
    ['conv1d', () => new nn.Conv1d(2, 3, 3), [2, 2, 7]],
    ['conv1d_strided', () => new nn.Conv1d(2, 2, 2, { stride: 2, padding: 1, dilation: 2, bias: false }), [1, 2, 9]],
    ['conv2d', () => new nn.Conv2d(1, 2, 3), [2, 1, 5, 5]],
    ['conv2d_rect', () => new nn.Conv2d(2, 3, [2, 3], { stride: 2, padding: 1 }), [1, 2, 6, 7]],
  ];
  for (const [name, make, xShape] of CONVS) {
    it(`${name}: ConvolutionBackward0, values, gradients and printing`, () => {
      const c = CASES.conv[name];
      const m = make();
      noGrad(() => {
        m.weight.copy_(pattern(m.weight.shape, 0.7).cos());
        m.bias?.copy_(pattern(m.bias.shape, 0.3, -0.2));
      });
      const x = pattern(xShape, 0.37).sin().requiresGrad_();
      const y = m.forward(x);
      y.mul(pattern(y.shape, 0.11).cos()).sum().backward();
      assert.deepStrictEqual(y.shape, c.shape);
      assertClose(y, c.y, 'y', 1e-10);
      assert.deepStrictEqual(chain(y), c.gradFn);
      assertClose(x.grad, c.gradX, 'dx', 1e-10);
      assertClose(m.weight.grad, c.gradWeight, 'dW', 1e-10);
      if (c.gradBias === null) assert.strictEqual(m.bias, null);
      else assertClose(m.bias?.grad, c.gradBias, 'db', 1e-10);
      assert.strictEqual(m.toString(), c.repr);
    });
  }

  const ACTIVATIONS: [string, () => nn.Module][] = [
    ['Softmax1', () => new nn.Softmax(1)], ['Softmax0', () => new nn.Softmax(0)], ['SoftmaxNone', () => new nn.Softmax()],
    ['LogSoftmax1', () => new nn.LogSoftmax(1)], ['LogSoftmaxNone', () => new nn.LogSoftmax()],
    ['LeakyReLU', () => new nn.LeakyReLU()], ['LeakyReLU02', () => new nn.LeakyReLU(0.2)],
    ['Softplus', () => new nn.Softplus()], ['Softplus2', () => new nn.Softplus({ beta: 2, threshold: 1 })], ['Identity', () => new nn.Identity()],
  ];
  for (const [name, make] of ACTIVATIONS) {
    it(`${name}: values, gradient, grad_fn and printing`, () => {
      const c = CASES.activations;
      const e = c.modules[name];
      const x = tensor(c.x, { requiresGrad: true });
      const m = make();
      const y = m.forward(x) as Tensor;
      y.mul(tensor(c.coef)).sum().backward();
      assertClose(y, e.y, 'y');
      assert.strictEqual(y.gradFn?.name ?? null, e.gradFn);
      assertClose(x.grad, e.gradX, 'dx');
      assert.strictEqual(m.toString(), e.repr);
    });
  }

  const FLATTENS: [string, () => nn.Flatten][] = [
    ['default', () => new nn.Flatten()], ['all', () => new nn.Flatten({ startDim: 0, endDim: -1 })], ['middle', () => new nn.Flatten({ startDim: 1, endDim: 2 })],
  ];
  for (const [name, make] of FLATTENS) {
    it(`Flatten (${name}): shape, grad_fn, gradient and printing`, () => {
      const c = CASES.flatten[name];
      const m = make();
      const x = pattern([2, 3, 2, 2], 0.1).requiresGrad_();
      const y = m.forward(x);
      y.pow(2).sum().backward();
      assert.deepStrictEqual(y.shape, c.shape);
      assert.deepStrictEqual(chain(y), c.gradFn);
      assertClose(x.grad, c.gradX, 'dx');
      assert.strictEqual(m.toString(), c.repr);
    });
  }

  const LOSSES: [string, (reduction: 'mean' | 'sum' | 'none') => nn.Module][] = [
    ['L1Loss', (reduction) => new nn.L1Loss({ reduction })],
    ['SmoothL1Loss', (reduction) => new nn.SmoothL1Loss({ reduction, beta: 0.5 })],
    ['HuberLoss', (reduction) => new nn.HuberLoss({ reduction, delta: 0.5 })],
    ['BCELoss', (reduction) => new nn.BCELoss({ reduction })],
    ['BCELossWeighted', (reduction) => new nn.BCELoss({ reduction, weight: tensor([1.0, 2.0, 0.5]) })],
    ['BCEWithLogitsLoss', (reduction) => new nn.BCEWithLogitsLoss({ reduction })],
    ['NLLLoss', (reduction) => new nn.NLLLoss({ reduction })],
    ['NLLLossWeighted', (reduction) => new nn.NLLLoss({ reduction, weight: tensor([0.5, 1.0, 2.0]), ignoreIndex: 0 })],
  ];
  for (const [name, make] of LOSSES) {
    for (const reduction of ['mean', 'sum', 'none'] as const) {
      it(`${name}, reduction '${reduction}': loss, grad_fn, gradient`, () => {
        const c = CASES.losses[name];
        const e = c[reduction];
        const x = tensor(c.input, { requiresGrad: true });
        const target = name.startsWith('NLL') ? tensor(c.target, { dtype: 'int64' }) : tensor(c.target);
        const m = make(reduction);
        const l = m.forward(x, target) as Tensor;
        l.sum().backward();
        assertClose(l, e.loss, 'loss');
        assert.strictEqual(l.gradFn?.name, e.gradFn);
        assertClose(x.grad, e.grad, 'dx');
        assert.strictEqual(m.toString(), c.repr);
      });
    }
  }
});

describe('nn.ModuleList, printing and bad arguments', () => {
  it('ModuleList: children 0, 1, 2 (append), parameters layers.0.weight ..., length, iteration, printing', () => {
    const c = CASES.module_list;
    class Net extends nn.Module {
      layers = new nn.ModuleList([new nn.Linear(2, 3), new nn.Linear(3, 3)]);
      act = new nn.ReLU();
      constructor() {
        super();
        this.layers.append(new nn.Linear(3, 1));
      }
      override forward(x: Tensor): Tensor {
        for (const layer of this.layers) x = this.act.forward(layer.forward(x) as Tensor);
        return x;
      }
    }
    const net = new Net();
    assert.deepStrictEqual(net.namedParameters().map(([n]) => n), c.names);
    assert.strictEqual(net.layers.length, c.len);
    assert.strictEqual(net.toString(), c.repr);
    assert.deepStrictEqual(net.forward(tensor([[1.0, 2.0]])).shape, [1, 1]);
    assert.ok(net.layers[2] instanceof nn.Linear);
    assert.throws(() => net.layers.forward(tensor([1.0])), /Module \[ModuleList\] is missing the required "forward" function/);
  });

  it('a module held twice in a ModuleList counts twice, as torch len() does', () => {
    const lin = new nn.Linear(2, 2);
    const list = new nn.ModuleList([lin, lin]).append(lin);
    assert.strictEqual(list.length, 3);
    assert.deepStrictEqual([...list], [lin, lin, lin]);
    assert.strictEqual(list.parameters().length, 2);
  });

  it('prints padding, dilation and no bias as torch does; losses print their bare names', () => {
    const r = CASES.reprs;
    assert.strictEqual(new nn.Conv2d(3, 6, 5, { padding: 2, dilation: 2, bias: false }).toString(), r.Conv2dPadded);
    const losses = [new nn.L1Loss(), new nn.NLLLoss(), new nn.BCELoss(), new nn.BCEWithLogitsLoss(), new nn.SmoothL1Loss(), new nn.HuberLoss()];
    assert.strictEqual(losses.join(' '), r.losses);
  });

  const BAD: [string, () => unknown, RegExp][] = [
    ['Conv2d kernel', () => new nn.Conv2d(1, 2, [3] as never), /\[Conv2d\] argument 'kernelSize' must be a number or 2 numbers/],
    ['Conv1d channels', () => new nn.Conv1d(0, 2, 3), /\[Conv1d\] argument 'inChannels' must be an integer >= 1, got 0/],
    ['Conv2d stride tuple', () => new nn.Conv2d(1, 2, 3, { stride: [1, 2] as never }), /\[Conv2d\] argument 'stride' must be an integer >= 1, got \[1, 2\]/],
    ['Conv2d dtype', () => new nn.Conv2d(1, 2, 3, { dtype: 'int64' }), /\[Conv2d\] argument 'dtype' must be a floating point dtype/],
    ['Softmax dim', () => new nn.Softmax(1.5), /\[Softmax\] argument 'dim' must be an integer, got 1.5/],
    ['Flatten startDim', () => new nn.Flatten({ startDim: 'a' as never }), /\[Flatten\] argument 'startDim' must be an integer/],
    ['LeakyReLU slope', () => new nn.LeakyReLU('x' as never), /\[LeakyReLU\] argument 'negativeSlope' must be a number/],
    ['HuberLoss reduction', () => new nn.HuberLoss({ reduction: 'avg' as never }), /\[HuberLoss\] avg is not a valid value for reduction/],
    ['SmoothL1Loss beta', () => new nn.SmoothL1Loss({ beta: -1 }), /\[SmoothL1Loss\] argument 'beta' must be a non-negative number/],
    ['ModuleList element', () => new nn.ModuleList([new nn.ReLU(), {} as nn.Module]), /\[ModuleList\] element 1 is not a Module/],
    ['ModuleList append', () => new nn.ModuleList().append(null as never), /\[ModuleList.append\] argument 'module' is not a Module \(got null\)/],
    ['Conv2d input rank', () => new nn.Conv2d(1, 2, 3).forward(tensor([1.0, 2.0])), /conv2d.*expected a 4-d input/],
  ];
  for (const [name, make, message] of BAD) {
    it(`bad argument: ${name} names the module and the argument`, () => {
      assert.throws(make, (e: Error) => (e instanceof ArgumentError || e.name === 'ShapeError') && message.test(e.message));
    });
  }
});

describe('nn conv layers: the default initialisation (the library generator: torch bounds, not torch draws)', () => {
  for (const [name, make, fanIn] of [
    ['Conv2d(4, 64, 5)', () => new nn.Conv2d(4, 64, 5), 100],
    ['Conv1d(9, 200, [4])', () => new nn.Conv1d(9, 200, [4]), 36],
  ] as [string, () => nn.Conv1d | nn.Conv2d, number][]) {
    it(`${name}: weight and bias from U(-1/sqrt(fan_in), 1/sqrt(fan_in)), fan_in = in · prod(kernel); seeded`, () => {
      manualSeed(5);
      const m = make();
      const bound = 1 / Math.sqrt(fanIn);
      const w = Array.from(m.weight.dataSync());
      assert.ok(w.every((x) => Math.abs(x) <= bound), 'weight within the bound');
      assert.ok(Array.from(m.bias!.dataSync()).every((x) => Math.abs(x) <= bound), 'bias within the bound');
      const mean = w.reduce((a, b) => a + b, 0) / w.length;
      const variance = w.reduce((a, b) => a + (b - mean) ** 2, 0) / w.length;
      assert.ok(Math.abs(mean) < 5 * Math.sqrt(bound ** 2 / 3 / w.length), `mean ${mean}`);
      assert.ok(Math.abs(variance / (bound ** 2 / 3) - 1) < 0.05, `variance ${variance}`);
      assert.ok(Math.max(...w) > 0.9 * bound && Math.min(...w) < -0.9 * bound, 'the draws reach the bound');
      manualSeed(5);
      assert.deepStrictEqual(Array.from(make().weight.dataSync()), w, 'seeded: the same draws');
    });
  }
});
