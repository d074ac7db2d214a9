// A port of d2l.ai's "Implementation of Multilayer Perceptrons from Scratch" (section 5.2, PyTorch tab):
// one hidden layer with a hand-written ReLU (torch.max(X, zeros_like(X)), an elementwise maximum),
// nn.CrossEntropyLoss with reduction 'none' averaged before backward, and optim.SGD, as d2l's train_ch3
// steps it. d2l trains on Fashion-MNIST (784 inputs, 256 hidden units, 10 classes, weights from
// torch.randn · 0.01, lr 0.1, 10 epochs); this port takes one batch of 8 "images" of 2×3 pixels from a
// formula, 5 hidden units, 3 classes, larger weights from a formula, lr 0.5 and 6 steps. nn.Parameter is
// a function here (no `new`), `X @ W1` is X.matmul(W1), and torch 1.13's zero_grad() (zeros in place) is
// zeroGrad({ setToNone: false }). mlp-scratch.py beside it is the same program in PyTorch.
import { nn, optim, tensor, zeros, zerosLike, maximum, type Tensor } from 'gradlens';

const numInputs = 6, numOutputs = 3, numHiddens = 5;
/** A fixed stand-in for torch.randn(rows, cols) · 0.01: values in [-0.5, 0.5] from a formula. */
const grid = (rows: number, cols: number, seed: number): number[][] =>
  Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => ((((i * 7 + j * 3 + seed) % 11) - 5) / 10)));
const W1 = nn.Parameter(tensor(grid(numInputs, numHiddens, 1)));
const b1 = nn.Parameter(zeros(numHiddens));
const W2 = nn.Parameter(tensor(grid(numHiddens, numOutputs, 4)));
const b2 = nn.Parameter(zeros(numOutputs));
const params = [W1, b1, W2, b2];

function relu(X: Tensor): Tensor {
  const a = zerosLike(X);
  return maximum(X, a);
}

function net(X: Tensor): Tensor {
  X = X.reshape([-1, numInputs]);
  const H = relu(X.matmul(W1).add(b1));
  return H.matmul(W2).add(b2);
}

const images = tensor(Array.from({ length: 8 }, (_, n) => [0, 1].map((r) => [0, 1, 2].map((c) => (((n * 5 + r * 3 + c * 2) % 9) - 4) / 4 + 0.05))));
const labels = tensor(Array.from({ length: 8 }, (_, n) => (n * 2) % 3), { dtype: 'int64' });
const loss = new nn.CrossEntropyLoss({ reduction: 'none' });
const updater = new optim.SGD(params, { lr: 0.5 });

for (let step = 0; step < 6; step++) {
  const yHat = net(images);
  const l = loss.forward(yHat, labels);
  updater.zeroGrad({ setToNone: false }); // torch 1.13's zero_grad()
  l.mean().backward();
  updater.step();
  const correct = yHat.argmax(1).eq(labels).sum().item();
  console.log('step', step, 'loss', l.mean().item(), 'accuracy', correct / 8, l.gradFn!.name, yHat.gradFn!.name);
}
console.log('W2.grad', JSON.stringify(W2.grad!.tolist()));
console.log('b1', JSON.stringify(b1.tolist()));
