// A port of "Softmax Regression Implementation from Scratch" (Dive into Deep Learning, PyTorch
// edition): softmax written with exp and a row sum, the cross-entropy loss by picking each row's
// probability of its label (y_hat[range(n), y]), accuracy by argmax, and minibatch SGD. The book
// trains on Fashion-MNIST (784 inputs, 10 classes) with weights drawn from a normal distribution;
// this port uses 12 examples of 4 features and 3 classes, all from formulas.
// softmax-regression-scratch.py beside it is the same program in PyTorch.
import { arange, tensor, zeros, noGrad, type Tensor } from 'gradlens';

const numInputs = 4;
const numOutputs = 3;
const n = 12;
const rows: number[][] = [];
const labelList: number[] = [];
for (let i = 0; i < n; i++) {
  const k = i % numOutputs;
  rows.push([0, 1, 2, 3].map((j) => (j === k ? 1.5 : 0) + (((i * 7 + j * 5) % 11) / 11 - 0.5)));
  labelList.push(k);
}
const features = tensor(rows);
const labels = tensor(labelList, { dtype: 'int64' });

const W = tensor([0, 1, 2, 3].map((i) => [0, 1, 2].map((j) => 0.01 * (((i * 3 + j * 5) % 7) - 3))), { requiresGrad: true });
const b = zeros(numOutputs, { requiresGrad: true });

function softmax(X: Tensor): Tensor {
  const XExp = X.exp();
  const partition = XExp.sum(1, true);
  return XExp.div(partition); // broadcasting
}
function net(X: Tensor): Tensor {
  return softmax(X.reshape(-1, numInputs).matmul(W).add(b));
}
function crossEntropy(yHat: Tensor, y: Tensor): Tensor {
  return yHat.index([arange(yHat.shape[0]), y]).log().neg();
}
function accuracy(yHat: Tensor, y: Tensor): number {
  return yHat.argmax(1).eq(y).sum().item();
}

const lr = 0.5;
const batchSize = 6;
for (let epoch = 0; epoch < 8; epoch++) {
  for (let start = 0; start < n; start += batchSize) {
    const X = features.slice(0, start, start + batchSize);
    const y = labels.slice(0, start, start + batchSize);
    const l = crossEntropy(net(X), y);
    l.mean().backward();
    noGrad(() => {
      W.sub_(W.grad!.mul(lr));
      b.sub_(b.grad!.mul(lr));
    });
    W.grad!.zero_();
    b.grad!.zero_();
  }
  const yHat = noGrad(() => net(features));
  console.log('epoch', epoch + 1, 'loss', crossEntropy(yHat, labels).mean().item(), 'accuracy', accuracy(yHat, labels) / n);
}
console.log('W', JSON.stringify(W.tolist()));
console.log('b', JSON.stringify(b.tolist()));
