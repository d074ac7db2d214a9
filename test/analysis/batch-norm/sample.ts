import { tensor, nn, optim } from 'gradlens';

// a two-layer MLP with batch normalisation: two SGD steps in training mode, then evaluation
const x = tensor([
  [0.5, -1.2, 0.3],
  [1.4, 0.2, -0.7],
  [-0.3, 0.8, 1.1],
  [0.9, -0.4, -1.5],
], { dtype: 'float64' });
const target = tensor([[0.2], [-0.4], [0.7], [0.1]], { dtype: 'float64' });
const w1 = tensor([[0.3, -0.5, 0.2, 0.4], [0.1, 0.6, -0.3, -0.2], [-0.4, 0.2, 0.5, 0.3]], { dtype: 'float64', requiresGrad: true });
const w2 = tensor([[0.5], [-0.3], [0.2], [0.6]], { dtype: 'float64', requiresGrad: true });
const bn = new nn.BatchNorm1d(4, { dtype: 'float64' });
const opt = new optim.SGD([w1, w2, ...bn.parameters()], { lr: 0.1 });

for (let step = 0; step < 2; step++) {
  opt.zeroGrad();
  const hidden = bn.forward(x.matmul(w1)).relu();
  const loss = hidden.matmul(w2).sub(target).pow(2).mean();
  loss.backward();
  opt.step();
}
const runningMean = bn.runningMean;
const runningVar = bn.runningVar;
const gamma = bn.weight;
const w1Trained = w1;
bn.eval();
const evalOut = bn.forward(x.matmul(w1)).relu().matmul(w2);
console.log(runningMean, runningVar, gamma, w1Trained, evalOut);
