// A port of d2l.ai's "Weight Decay" from scratch (PyTorch edition): a linear model with many inputs and
// few examples, the squared loss plus the L2 penalty lambd * sum(w²) / 2 (added to every example's loss,
// as the book does), minibatch SGD by hand, trained once without the penalty (lambd = 0) and once with
// lambd = 3, printing the training loss and the L2 norm of w: the penalty keeps w small. The book has
// 200 inputs, 20 training examples drawn with noise from a normal distribution, w drawn from a normal
// distribution, 100 epochs at lr 0.003 and a test set; this port has 20 inputs, 10 examples, data and
// the initial w from formulas, 10 epochs at lr 0.05, minibatches of 5 in order and no test set.
// PyTorch's `param -= lr * param.grad / batch_size` under no_grad is param.sub_(...) inside noGrad.
// weight-decay-scratch.py is the same program in PyTorch.
import { noGrad, tensor, zeros, type Tensor } from 'gradlens';

const nTrain = 10, numInputs = 20, batchSize = 5;
const trueW = tensor(Array.from({ length: numInputs }, () => [0.01]));
const trueB = 0.05;
const features = tensor(Array.from({ length: nTrain }, (_, i) =>
  Array.from({ length: numInputs }, (_, j) => ((i * 7 + j * 3) % 17) / 8.5 - 1)));
const noise = tensor(Array.from({ length: nTrain }, (_, i) => [0.01 * (((i * 5) % 7) / 3.5 - 1)]));
const labels = features.matmul(trueW).add(trueB).add(noise);

function initParams(): [Tensor, Tensor] {
  const w = tensor(Array.from({ length: numInputs }, (_, j) => [((j * 11) % 13) / 6.5 - 1]), { requiresGrad: true });
  const b = zeros(1, { requiresGrad: true });
  return [w, b];
}

function l2Penalty(w: Tensor): Tensor {
  return w.pow(2).sum().div(2);
}
function linreg(X: Tensor, w: Tensor, b: Tensor): Tensor {
  return X.matmul(w).add(b);
}
function squaredLoss(yHat: Tensor, y: Tensor): Tensor {
  return yHat.sub(y.reshape(yHat.shape)).pow(2).div(2);
}
function sgd(params: Tensor[], lr: number, size: number): void {
  noGrad(() => {
    for (const param of params) {
      param.sub_(param.grad!.mul(lr).div(size));
      param.grad!.zero_();
    }
  });
}

function train(lambd: number): void {
  const [w, b] = initParams();
  const numEpochs = 10, lr = 0.05;
  for (let epoch = 0; epoch < numEpochs; epoch++) {
    for (let start = 0; start < nTrain; start += batchSize) {
      const X = features.slice(0, start, start + batchSize);
      const y = labels.slice(0, start, start + batchSize);
      const l = squaredLoss(linreg(X, w, b), y).add(l2Penalty(w).mul(lambd));
      l.sum().backward();
      sgd([w, b], lr, batchSize);
    }
    if ((epoch + 1) % 5 === 0) {
      const trainL = noGrad(() => squaredLoss(linreg(features, w, b), labels).mean());
      console.log('lambd', lambd, 'epoch', epoch + 1, 'train loss', trainL.item());
    }
  }
  console.log('L2 norm of w:', w.norm().item());
}

train(0);
train(3);
