// A longer tour (about 300 lines) in sections: scalar chains, broadcasting, reductions, a
// hand-written gradient-descent loop, a tiny attention block, layer norm, a two-layer model trained
// with Adam, and a few helpers. It is also the file the latency benchmark analyses.
import {
  tensor, zeros, ones, randn, arange, linspace, eye, manualSeed, noGrad, autograd, optim, F, type Tensor,
} from 'gradlens';

manualSeed(7);

// ---------------------------------------------------------------------------------------------
// 1. Scalar chains: every intermediate is a binding with its value and gradient.
// ---------------------------------------------------------------------------------------------
const a = tensor(1.5, { requiresGrad: true });
const b = tensor(-0.5, { requiresGrad: true });
const c = a.mul(b).add(a.pow(2));
const d = c.tanh();
const e = d.mul(a).sub(b.exp());
const f = e.div(c.abs().add(1));
console.log('1. f =', f.item().toFixed(5));

// ---------------------------------------------------------------------------------------------
// 2. Broadcasting: a column against a row, and a bias added to every row.
// ---------------------------------------------------------------------------------------------
const column = tensor([[1.0], [2.0], [3.0]], { requiresGrad: true });
const rowVec = tensor([0.1, 0.2, 0.3, 0.4], { requiresGrad: true });
const table = column.mul(rowVec);
const bias = tensor([1.0, -1.0, 0.5, 0.0], { requiresGrad: true });
const shiftedTable = table.add(bias);
console.log('2. table shape', table.shape, 'sum', shiftedTable.sum().item().toFixed(4));

// ---------------------------------------------------------------------------------------------
// 3. Reductions along dimensions, with and without keepdim.
// ---------------------------------------------------------------------------------------------
const m = arange(12).reshape(3, 4).div(10);
const rowSums = m.sum(1);
const colMeans = m.mean(0, true);
const centered = m.sub(colMeans);
const variance = centered.pow(2).mean();
const largest = m.amax(1);
console.log('3. rowSums', rowSums.toString());
console.log('3. variance', variance.item().toFixed(5), 'largest', largest.toString());

// ---------------------------------------------------------------------------------------------
// 4. Hand-written gradient descent on a quadratic bowl, with noGrad and in-place updates.
// ---------------------------------------------------------------------------------------------
function bowl(p: Tensor): Tensor {
  const target = tensor([1.0, -2.0]);
  return p.sub(target).pow(2).sum();
}

const p = tensor([0.0, 0.0], { requiresGrad: true });
const lr = 0.25;
let bowlLoss = bowl(p);
for (let i = 0; i < 8; i++) {
  bowlLoss = bowl(p);
  bowlLoss.backward();
  noGrad(() => {
    p.sub_(p.grad!.mul(lr));
  });
  p.grad = null;
}
console.log('4. p after descent', p.toString());
console.log('4. final bowl loss', bowl(p).item().toFixed(6));

// ---------------------------------------------------------------------------------------------
// 5. A tiny attention block: scores, softmax, weighted values.
// ---------------------------------------------------------------------------------------------
const tokens = 4;
const dim = 3;
const queries = randn([tokens, dim], { requiresGrad: true });
const keys = randn([tokens, dim], { requiresGrad: true });
const values = randn([tokens, dim], { requiresGrad: true });

function attention(q: Tensor, k: Tensor, v: Tensor): Tensor {
  const scale = 1 / Math.sqrt(q.shape[1]);
  const scores = q.matmul(k.transpose(0, 1)).mul(scale);
  const weights = F.softmax(scores, 1);
  return weights.matmul(v);
}

const attended = attention(queries, keys, values);
const attnLoss = attended.pow(2).mean();
console.log('5. attended shape', attended.shape, 'loss', attnLoss.item().toFixed(5));

// ---------------------------------------------------------------------------------------------
// 6. Layer norm written out by hand, compared with F.layerNorm.
// ---------------------------------------------------------------------------------------------
const features = randn([2, 5]);
const mu = features.mean(1, true);
const sigma2 = features.sub(mu).pow(2).mean(1, true);
const normed = features.sub(mu).div(sigma2.add(1e-5).sqrt());
const reference = F.layerNorm(features, [5]);
const layerNormGap = normed.sub(reference).abs().amax();
console.log('6. max |manual - layerNorm|', layerNormGap.item() < 1e-5);

// ---------------------------------------------------------------------------------------------
// 7. Second derivatives of a polynomial.
// ---------------------------------------------------------------------------------------------
const t = tensor(0.75, { requiresGrad: true, dtype: 'float64' });
const poly = t.pow(4).sub(t.pow(2).mul(3)).add(t);
const [dPoly] = autograd.grad([poly], [t], { createGraph: true });
const [ddPoly] = autograd.grad([dPoly!], [t]);
console.log('7. p(t)', poly.item().toFixed(6), "p'(t)", dPoly?.item().toFixed(6), "p''(t)", ddPoly?.item().toFixed(6));

// ---------------------------------------------------------------------------------------------
// 8. A two-layer model trained with Adam on a small regression problem.
// ---------------------------------------------------------------------------------------------
class TwoLayer {
  w1: Tensor;
  b1: Tensor;
  w2: Tensor;
  b2: Tensor;

  constructor(inputs: number, hidden: number) {
    this.w1 = randn([hidden, inputs]).mul(0.5).requiresGrad_();
    this.b1 = zeros([hidden], { requiresGrad: true });
    this.w2 = randn([1, hidden]).mul(0.5).requiresGrad_();
    this.b2 = zeros([1], { requiresGrad: true });
  }

  forward(x: Tensor): Tensor {
    const hidden = F.linear(x, this.w1, this.b1).tanh();
    return F.linear(hidden, this.w2, this.b2);
  }

  parameters(): Tensor[] {
    return [this.w1, this.b1, this.w2, this.b2];
  }
}

const xsTrain = linspace(-2, 2, 12).reshape(12, 1);
const ysTrain = xsTrain.pow(2).mul(0.5).sub(1);
const net = new TwoLayer(1, 6);
const adam = new optim.Adam(net.parameters(), { lr: 0.05 });
const losses: number[] = [];
for (let epoch = 0; epoch < 15; epoch++) {
  adam.zeroGrad();
  const prediction = net.forward(xsTrain);
  const regLoss = F.mseLoss(prediction, ysTrain);
  regLoss.backward();
  adam.step();
  losses.push(regLoss.item());
}
console.log('8. loss went from', losses[0].toFixed(4), 'to', losses[losses.length - 1].toFixed(4));

// ---------------------------------------------------------------------------------------------
// 9. Classification head with cross-entropy and accuracy.
// ---------------------------------------------------------------------------------------------
const logits = randn([6, 3], { requiresGrad: true });
const classes = tensor([0, 1, 2, 2, 1, 0], { dtype: 'int64' });
const ce = F.crossEntropy(logits, classes);
const logProbs = F.logSoftmax(logits, 1);
const nll = F.nllLoss(logProbs, classes);
const predicted = logits.argmax(1);
let correct = 0;
const predictedList = predicted.tolist() as number[];
const classList = classes.tolist() as number[];
for (let i = 0; i < predictedList.length; i++) {
  if (predictedList[i] === classList[i]) correct++;
}
console.log('9. ce', ce.item().toFixed(5), 'nll', nll.item().toFixed(5), 'accuracy', correct / 6);

// ---------------------------------------------------------------------------------------------
// 10. Helpers: closures, default parameters, recursion, destructuring.
// ---------------------------------------------------------------------------------------------
function makeScaler(factor = 2) {
  return (x: Tensor) => x.mul(factor);
}
const double = makeScaler();
const triple = makeScaler(3);
const scaled = triple(double(ones([2, 2])));

function powerTower(x: Tensor, depth: number): Tensor {
  return depth === 0 ? x : powerTower(x.mul(0.9).add(0.1), depth - 1);
}
const tower = powerTower(tensor(0.5, { requiresGrad: true }), 5);

const { values: maxValues, indices: maxIndices } = m.max(1);
const [firstRow, secondRow] = [m.select(0, 0), m.select(0, 1)];
const identity = eye(3);
const trace3 = identity.mul(m.narrow(1, 0, 3)).sum();
console.log('10. scaled', scaled.sum().item(), 'tower', tower.item().toFixed(5));
console.log('10. max values', maxValues.toString(), 'indices', maxIndices.toString());
console.log('10. rows', firstRow.sum().item().toFixed(2), secondRow.sum().item().toFixed(2), 'trace', trace3.item().toFixed(2));

// ---------------------------------------------------------------------------------------------
// 11. Gradient accumulation across two backward calls (a forgotten zeroGrad shows).
// ---------------------------------------------------------------------------------------------
const acc = tensor([1.0, 2.0], { requiresGrad: true });
const first = acc.mul(acc).sum();
first.backward();
const afterFirst = acc.grad!.clone();
const second = acc.mul(3).sum();
second.backward();
console.log('11. grad after one backward', afterFirst.toString());
console.log('11. grad after two', acc.grad?.toString());

// ---------------------------------------------------------------------------------------------
// 12. Clamp, where, maximum and a smooth loss.
// ---------------------------------------------------------------------------------------------
const raw = linspace(-3, 3, 7).requiresGrad_();
const clipped = raw.clamp(-1, 1);
const positive = raw.relu();
const bigger = raw.maximum(clipped.mul(2));
const smooth = F.softplus(raw).sum();
console.log('12. clipped', clipped.toString());
console.log('12. positive sum', positive.sum().item(), 'bigger sum', bigger.sum().item().toFixed(3));
console.log('12. softplus sum', smooth.item().toFixed(5));

// ---------------------------------------------------------------------------------------------
// 13. Statistics over a batch.
// ---------------------------------------------------------------------------------------------
const batch = randn([8, 4]);
const batchMean = batch.mean(0);
const batchStd = batch.std(0);
const zScores = batch.sub(batchMean).div(batchStd);
const zMean = zScores.mean(0).abs().amax();
console.log('13. z-scores have mean ~0:', zMean.item() < 1e-5);

// ---------------------------------------------------------------------------------------------
// 14. A final objective that ties sections together; it is the last backward() of the file.
// ---------------------------------------------------------------------------------------------
const objective = f.add(attnLoss).add(ce).add(tower);
objective.backward();
console.log('14. objective', objective.item().toFixed(5));
console.log('14. a.grad', a.grad?.toString());
console.log('14. queries.grad shape', queries.grad?.shape);
console.log('14. tower leaf gradient flows:', tower.requiresGrad);

// ---------------------------------------------------------------------------------------------
// 15. A few plain-number computations the analyzer also evaluates.
// ---------------------------------------------------------------------------------------------
const words = ['alpha', 'beta', 'gamma'];
const lengths = words.map((w) => w.length);
const totalLength = lengths.reduce((s, n) => s + n, 0);
let fibA = 0;
let fibB = 1;
let steps = 0;
while (fibB < 100) {
  const next = fibA + fibB;
  fibA = fibB;
  fibB = next;
  steps++;
}
const label = totalLength > 10 ? 'long' : 'short';
console.log('15.', lengths, totalLength, label, `fib>=100 after ${steps} steps: ${fibB}`);
const summary = { sections: 15, losses: losses.length, ok: true };
console.log('15. summary', summary);
