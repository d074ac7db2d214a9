// A port of the first part of "What is torch.nn really?" (PyTorch tutorials): logistic regression
// written from scratch (log_softmax by hand, negative log-likelihood by picking each row's log
// probability of its label, accuracy by argmax) and trained with a hand-written update; then the same
// model with F.crossEntropy, which must give the same loss. The tutorial trains on MNIST (784 inputs,
// 10 digits, Xavier-scaled torch.randn weights); this port uses 8 examples of 5 features and 4
// classes from formulas. nn-from-scratch.py beside it is the same program in PyTorch.
import { F, arange, tensor, zeros, noGrad, type Tensor } from 'gradlens';

const n = 8;
const xs: number[][] = [];
const ys: number[] = [];
for (let i = 0; i < n; i++) {
  xs.push([0, 1, 2, 3, 4].map((j) => ((i * 13 + j * 7) % 10) / 5 - 1));
  ys.push((i * 3) % 4);
}
const xTrain = tensor(xs);
const yTrain = tensor(ys, { dtype: 'int64' });

// Xavier initialisation: weights scaled by 1/√(inputs)
const weights = tensor([0, 1, 2, 3, 4].map((i) => [0, 1, 2, 3].map((j) => (((i * 5 + j * 3) % 9) - 4) / 4))).div(Math.sqrt(5));
weights.requiresGrad_();
const bias = zeros(4, { requiresGrad: true });

function logSoftmax(x: Tensor): Tensor {
  return x.sub(x.exp().sum(-1).log().unsqueeze(-1));
}
function model(xb: Tensor): Tensor {
  return logSoftmax(xb.matmul(weights).add(bias));
}
function nll(input: Tensor, target: Tensor): Tensor {
  return input.index([arange(target.shape[0]), target]).mean().neg();
}
function accuracy(out: Tensor, yb: Tensor): number {
  const preds = out.argmax(1);
  return preds.eq(yb).sum().item() / yb.shape[0];
}

const bs = 4;
const lr = 0.5;
const first = model(xTrain.slice(0, 0, bs));
console.log('before', nll(first, yTrain.slice(0, 0, bs)).item(), accuracy(first, yTrain.slice(0, 0, bs)));
for (let epoch = 0; epoch < 5; epoch++) {
  for (let i = 0; i < Math.floor((n - 1) / bs) + 1; i++) {
    const xb = xTrain.slice(0, i * bs, i * bs + bs);
    const yb = yTrain.slice(0, i * bs, i * bs + bs);
    const loss = nll(model(xb), yb);
    loss.backward();
    noGrad(() => {
      weights.sub_(weights.grad!.mul(lr));
      bias.sub_(bias.grad!.mul(lr));
      weights.grad!.zero_();
      bias.grad!.zero_();
    });
  }
}
const loss = nll(model(xTrain), yTrain);
console.log('after', loss.item(), loss.gradFn!.name, accuracy(model(xTrain), yTrain));

// the same loss through F.crossEntropy, which combines logSoftmax and the negative log-likelihood
const logits = xTrain.matmul(weights).add(bias);
const ce = F.crossEntropy(logits, yTrain);
console.log('crossEntropy', ce.item(), ce.gradFn!.name);
