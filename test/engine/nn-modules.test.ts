/**
 * nn modules against real PyTorch 1.13: values, gradients and grad_fn names for weights set from
 * literals (test/engine/nn-modules/expected.py wrote expected.json), registration order and names,
 * train/eval, zeroGrad, printing, and the default initialisations' bounds and distributions.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { nn, tensor, noGrad, manualSeed, setDefaultDtype, getDefaultDtype, ArgumentError, type Tensor } from '../../engine/index';

const ROOT = path.resolve(__dirname, '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the fixture's JSON, read per case below
const CASES: Record<string, any> = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'engine', 'nn-modules', 'expected.json'), 'utf8')).cases;

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

function set(p: Tensor | null, values: Nested): void {
  assert.ok(p);
  noGrad(() => p.copy_(tensor(values)));
}

describe('nn modules: values, gradients and grad_fn names equal PyTorch 1.13 (weights from literals)', () => {
  let dtype0: ReturnType<typeof getDefaultDtype>;
  before(() => {
    dtype0 = getDefaultDtype();
    setDefaultDtype('float64');
  });
  after(() => setDefaultDtype(dtype0));

  it('Linear: addmm with the weight transposed', () => {
    const c = CASES.linear;
    const lin = new nn.Linear(3, 2);
    set(lin.weight, c.weight);
    set(lin.bias, c.bias);
    const x = tensor(c.x, { requiresGrad: true });
    const y = lin.forward(x);
    y.pow(2).sum().backward();
    assertClose(y, c.y, 'y');
    assert.deepStrictEqual(chain(y), c.gradFn);
    assertClose(lin.weight.grad, c.gradWeight, 'dW');
    assertClose(lin.bias?.grad, c.gradBias, 'db');
    assertClose(x.grad, c.gradX, 'dx');
  });

  it('Linear without bias on a 3-d input', () => {
    const c = CASES.linear_no_bias_3d;
    const lin = new nn.Linear(2, 2, { bias: false });
    assert.strictEqual(lin.bias, null);
    set(lin.weight, c.weight);
    const y = lin.forward(tensor(c.x, { requiresGrad: true }));
    y.mul(y).sum().backward();
    assertClose(y, c.y, 'y');
    assert.deepStrictEqual(chain(y), c.gradFn);
    assertClose(lin.weight.grad, c.gradWeight, 'dW');
  });

  it('Embedding with a padding row: EmbeddingBackward0, no gradient for the padding row', () => {
    const c = CASES.embedding;
    const emb = new nn.Embedding(4, 3, { paddingIdx: 1 });
    assert.deepStrictEqual(Array.from(emb.weight.select(0, 1).dataSync()), [0, 0, 0], 'the padding row starts at zero');
    set(emb.weight, c.weight);
    const out = emb.forward(tensor(c.idx, { dtype: 'int64' }));
    const coef = tensor(Array.from({ length: 18 }, (_, i) => i)).reshape([3, 2, 3]);
    out.mul(coef).sum().backward();
    assertClose(out, c.out, 'out');
    assert.deepStrictEqual(chain(out), c.gradFn);
    assertClose(emb.weight.grad, c.gradWeight, 'dW');
  });

  it('LayerNorm: NativeLayerNormBackward0 into input, weight and bias', () => {
    const c = CASES.layer_norm;
    const ln = new nn.LayerNorm(3);
    set(ln.weight, [1.0, 0.5, 2.0]);
    set(ln.bias, [0.0, 0.1, -0.1]);
    const x = tensor(c.x, { requiresGrad: true });
    const y = ln.forward(x);
    y.mul(tensor([[1.0, 2.0, 3.0], [0.5, -1.0, 1.0]])).sum().backward();
    assertClose(y, c.y, 'y', 1e-10);
    assert.deepStrictEqual(chain(y), c.gradFn);
    assertClose(x.grad, c.gradX, 'dx', 1e-10);
    assertClose(ln.weight?.grad, c.gradWeight, 'dW', 1e-10);
    assertClose(ln.bias?.grad, c.gradBias, 'db', 1e-10);
  });

  const ACTIVATIONS: [string, () => nn.Module][] = [
    ['ReLU', () => new nn.ReLU()], ['Tanh', () => new nn.Tanh()], ['Sigmoid', () => new nn.Sigmoid()],
    ['GELU', () => new nn.GELU()], ['GELUtanh', () => new nn.GELU({ approximate: 'tanh' })],
  ];
  for (const [name, make] of ACTIVATIONS) {
    it(`${name}: values, gradient and grad_fn`, () => {
      const c = CASES.activations;
      const x = tensor(c.x, { requiresGrad: true });
      const y = make().forward(x) as Tensor;
      y.mul(tensor([1, 2, 3, 4])).sum().backward();
      assertClose(y, c.modules[name].y, 'y', 1e-12);
      assert.strictEqual(y.gradFn?.name, c.modules[name].gradFn);
      assertClose(x.grad, c.modules[name].gradX, 'dx', 1e-12);
    });
  }

  for (const reduction of ['mean', 'sum', 'none'] as const) {
    it(`CrossEntropyLoss and MSELoss, reduction '${reduction}'`, () => {
      const c = CASES.losses;
      const logits = tensor(c.logits, { requiresGrad: true });
      const ce = new nn.CrossEntropyLoss({ reduction }).forward(logits, tensor(c.target, { dtype: 'int64' }));
      ce.sum().backward();
      assertClose(ce, c.ce[reduction].loss, 'cross entropy');
      assert.strictEqual(ce.gradFn?.name, c.ce[reduction].gradFn);
      assertClose(logits.grad, c.ce[reduction].grad, 'd logits');
      const a = tensor(c.a, { requiresGrad: true });
      const mse = new nn.MSELoss({ reduction }).forward(a, tensor(c.b));
      mse.sum().backward();
      assertClose(mse, c.mse[reduction].loss, 'mse');
      assert.strictEqual(mse.gradFn?.name, c.mse[reduction].gradFn);
      assertClose(a.grad, c.mse[reduction].grad, 'd a');
    });
  }

  for (const key of ['weighted', 'smoothed'] as const) {
    it(`CrossEntropyLoss with ${key === 'weighted' ? 'a class weight' : 'label smoothing'}`, () => {
      const c = CASES.losses;
      const w = c.ce[key];
      const logits = tensor(c.logits, { requiresGrad: true });
      const module = new nn.CrossEntropyLoss({ weight: w.weight === null ? null : tensor(w.weight), labelSmoothing: w.labelSmoothing });
      const ce = module.forward(logits, tensor(c.target, { dtype: 'int64' }));
      ce.backward();
      assertClose(ce, w.loss, `${key} cross entropy`);
      assert.strictEqual(ce.gradFn?.name, w.gradFn);
      assertClose(logits.grad, w.grad, 'd logits');
    });
  }

  it('Sequential: children named 0, 1, 2; parameters 0.weight ... 2.bias; forward chains them', () => {
    const c = CASES.sequential;
    const seq = new nn.Sequential(new nn.Linear(2, 3), new nn.Tanh(), new nn.Linear(3, 1));
    const l0 = seq[0] as nn.Linear;
    const l2 = seq[2] as nn.Linear;
    set(l0.weight, [[0.5, -1.0], [0.25, 0.75], [-0.5, 0.1]]);
    set(l0.bias, [0.1, 0.0, -0.2]);
    set(l2.weight, [[1.0, -2.0, 0.5]]);
    set(l2.bias, [0.3]);
    const y = seq.forward(tensor(c.x));
    y.sum().backward();
    assert.deepStrictEqual(seq.namedParameters().map(([n]) => n), c.names);
    assert.strictEqual(seq.length, 3);
    assertClose(y, c.y, 'y');
    assert.deepStrictEqual(chain(y), c.gradFn);
    for (const [n, p] of seq.namedParameters()) assertClose(p.grad, c.grads[n], `d ${n}`);
  });
});

class Block extends nn.Module {
  scale = nn.Parameter(tensor([1.0, 2.0]));
  inner = new nn.Linear(2, 2);
  notRegistered = tensor([1.0], { requiresGrad: true });
  layers = [new nn.Linear(2, 2)];
  override forward(x: Tensor): Tensor {
    return this.inner.forward(x.mul(this.scale));
  }
}

class Net extends nn.Module {
  first = new nn.Linear(2, 2);
  block: Block;
  shared: nn.Linear;
  constructor() {
    super();
    this.block = new Block();
    this.shared = this.first;
  }
  override forward(x: Tensor): Tensor {
    return this.block.forward(this.first.forward(x));
  }
}

describe('nn.Module: registration, modes, gradients, printing', () => {
  it('registers Parameters and Modules held in fields, in field order, each once; plain tensors and arrays are not registered', () => {
    const net = new Net();
    assert.deepStrictEqual(net.namedParameters().map(([n]) => n), ['first.weight', 'first.bias', 'block.scale', 'block.inner.weight', 'block.inner.bias']);
    assert.strictEqual(net.parameters().length, 5);
    assert.deepStrictEqual(net.namedChildren().map(([n]) => n), ['first', 'block']);
    assert.strictEqual(net.modules().length, 4, 'net, first, block, block.inner');
    assert.deepStrictEqual(net.namedParameters('model').map(([n]) => n)[0], 'model.first.weight');
    assert.deepStrictEqual(net.block.parameters(false).length, 1, 'recurse=false: only its own');
  });

  it('train() and eval() set every submodule, and return the module', () => {
    const net = new Net();
    assert.strictEqual(net.eval(), net);
    assert.deepStrictEqual(net.modules().map((m) => m.training), [false, false, false, false]);
    net.block.train();
    assert.deepStrictEqual([net.training, net.block.training, net.block.inner.training], [false, true, true]);
    assert.throws(() => net.train('yes' as never), (e: Error) => e instanceof ArgumentError && /boolean/.test(e.message));
  });

  it('zeroGrad clears every parameter gradient (null by default, zeros on request)', () => {
    const net = new Net();
    net.forward(tensor([[1.0, 2.0]])).sum().backward();
    assert.ok(net.parameters().every((p) => p.grad !== null));
    net.zeroGrad({ setToNone: false });
    assert.ok(net.parameters().every((p) => p.grad !== null && Array.from(p.grad.dataSync()).every((v) => v === 0)));
    net.zeroGrad();
    assert.ok(net.parameters().every((p) => p.grad === null));
  });

  it('a module without forward says so, naming its class', () => {
    class Empty extends nn.Module {}
    assert.throws(() => new Empty().forward(), /Module \[Empty\] is missing the required "forward" function/);
  });

  it('prints as PyTorch prints a module', () => {
    const r = CASES.reprs;
    class Net2 extends nn.Module {
      body = new nn.Sequential(new nn.Linear(2, 3), new nn.GELU(), new nn.Dropout(0.25));
      norm = new nn.LayerNorm([2, 3], { eps: 1e-6, elementwiseAffine: false });
      head = new nn.Linear(3, 1, { bias: false });
    }
    class Empty extends nn.Module {}
    assert.strictEqual(new Net2().toString().replace(/^Net2/, 'Net'), r.Net);
    assert.strictEqual(new Empty().toString(), r.Empty);
    assert.strictEqual(new nn.Embedding(10, 4, { paddingIdx: -1 }).toString(), r.Embedding);
    assert.strictEqual(`${new nn.CrossEntropyLoss()} ${new nn.MSELoss()}`, r.losses);
    assert.strictEqual([new nn.ReLU(), new nn.Tanh(), new nn.Sigmoid(), new nn.GELU({ approximate: 'tanh' })].join(' '), r.acts);
  });

  it('Parameter: a leaf that requires grad and shares its values with the tensor it was made from', () => {
    const t = tensor([1.0, 2.0]);
    const p = nn.Parameter(t);
    assert.ok(p.isLeaf && p.requiresGrad && !t.requiresGrad);
    noGrad(() => t.fill_(5));
    assert.deepStrictEqual(Array.from(p.dataSync()), [5, 5]);
    assert.strictEqual(nn.Parameter(t, false).requiresGrad, false);
    assert.throws(() => nn.Parameter(tensor([1, 2], { dtype: 'int64' })), /floating point/);
  });

  it('bad arguments name the module and the argument', () => {
    assert.throws(() => new nn.Linear(2.5, 3), /\[Linear\] argument 'inFeatures' must be a non-negative integer/);
    assert.throws(() => new nn.Dropout(1.5), /\[Dropout\] dropout probability has to be between 0 and 1, but got 1.5/);
    assert.throws(() => new nn.Sequential(new nn.ReLU(), {} as nn.Module), /\[Sequential\] argument 2 is not a Module/);
    assert.throws(() => new nn.Embedding(3, 2).forward(tensor([0.0])), /'indices' to have one of the following scalar types: Long, Int; but got torch.FloatTensor/);
    assert.throws(() => new nn.Embedding(3, 2).forward(tensor([3], { dtype: 'int64' })), /index out of range in self/);
  });
});

describe('nn: dropout and the default initialisations (the library generator: distributions, not torch draws)', () => {
  it('Dropout in training keeps each element with probability 1-p, scaled by 1/(1-p); MulBackward0; identity in eval', () => {
    manualSeed(3);
    const drop = new nn.Dropout(0.25);
    const x = tensor(new Array(20000).fill(1.0), { requiresGrad: true });
    const y = drop.forward(x);
    const vals = Array.from(y.dataSync());
    const kept = vals.filter((v) => v !== 0);
    assert.ok(kept.every((v) => v === Math.fround(1 / 0.75)), 'kept values are scaled');
    const rate = 1 - kept.length / vals.length;
    assert.ok(Math.abs(rate - 0.25) < 0.015, `dropped ${rate}`);
    assert.deepStrictEqual(chain(y), ['MulBackward0', ['AccumulateGrad', null]]);
    drop.eval();
    assert.strictEqual(drop.forward(x), x, 'eval: the input itself');
  });

  it('Linear draws weight and bias from U(-1/sqrt(in), 1/sqrt(in)) (kaiming_uniform with a = sqrt 5)', () => {
    manualSeed(1);
    const lin = new nn.Linear(64, 300);
    const bound = 1 / 8;
    for (const [name, p] of lin.namedParameters()) {
      const v = Array.from(p.dataSync());
      assert.ok(v.every((x) => Math.abs(x) <= bound), `${name} within the bound`);
      const mean = v.reduce((a, b) => a + b, 0) / v.length;
      const variance = v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length;
      const sd = Math.sqrt(bound ** 2 / 3 / v.length);
      assert.ok(Math.abs(mean) < 5 * sd, `${name} mean ${mean}`);
      assert.ok(Math.abs(variance / (bound ** 2 / 3) - 1) < (name === 'weight' ? 0.03 : 0.3), `${name} variance ${variance}`);
    }
    manualSeed(1);
    assert.deepStrictEqual(Array.from(new nn.Linear(64, 300).weight.dataSync()), Array.from(lin.weight.dataSync()), 'seeded: the same draws');
  });

  it('Embedding draws N(0, 1); LayerNorm starts at ones and zeros', () => {
    manualSeed(2);
    const v = Array.from(new nn.Embedding(100, 100).weight.dataSync());
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    const variance = v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length;
    assert.ok(Math.abs(mean) < 0.05 && Math.abs(variance - 1) < 0.05, `mean ${mean}, variance ${variance}`);
    const ln = new nn.LayerNorm(4);
    assert.deepStrictEqual([Array.from(ln.weight!.dataSync()), Array.from(ln.bias!.dataSync())], [[1, 1, 1, 1], [0, 0, 0, 0]]);
  });
});
