// A port of "Linear Regression Implementation from Scratch" (Dive into Deep Learning, PyTorch
// edition): synthetic data from w = [2, -3.4], b = 4.2, a linear model, the squared loss and
// minibatch SGD written by hand. The book draws features and noise from a normal distribution and
// shuffles the minibatches; this port computes features from a fixed formula and takes batches in
// order. linear-regression-scratch.py beside it is the same program in PyTorch.
import { tensor, zeros, noGrad, type Tensor } from 'gradlens';

const trueW = tensor([[2.0], [-3.4]]);
const trueB = 4.2;
const n = 40;
const rows: number[][] = [];
for (let i = 0; i < n; i++) rows.push([((i * 37 + 11) % 23) / 11.5 - 1, ((i * 53 + 7) % 29) / 14.5 - 1]);
const features = tensor(rows);
const noise = tensor(rows.map(([p, q]) => [0.01 * (p * q - 0.1)]));
const labels = features.matmul(trueW).add(trueB).add(noise);

function linreg(X: Tensor, w: Tensor, b: Tensor): Tensor {
  return X.matmul(w).add(b);
}
function squaredLoss(yHat: Tensor, y: Tensor): Tensor {
  return yHat.sub(y.reshape(yHat.shape)).pow(2).div(2);
}
function sgd(params: Tensor[], lr: number, batchSize: number): void {
  noGrad(() => {
    for (const param of params) {
      param.sub_(param.grad!.mul(lr).div(batchSize));
      param.grad!.zero_();
    }
  });
}

const w = tensor([[0.01], [-0.005]], { requiresGrad: true });
const b = zeros(1, { requiresGrad: true });
const lr = 0.1;
const batchSize = 10;
for (let epoch = 0; epoch < 10; epoch++) {
  for (let start = 0; start < n; start += batchSize) {
    const X = features.slice(0, start, start + batchSize);
    const y = labels.slice(0, start, start + batchSize);
    const l = squaredLoss(linreg(X, w, b), y);
    l.sum().backward();
    sgd([w, b], lr, batchSize);
  }
  const trainL = noGrad(() => squaredLoss(linreg(features, w, b), labels));
  console.log('epoch', epoch + 1, 'loss', trainL.mean().item());
}
console.log('error in w', JSON.stringify(trueW.sub(w.reshape(trueW.shape)).tolist()));
console.log('error in b', trueB - b.item());
