// A port of d2l.ai's "Concise Implementation of Linear Regression" (PyTorch edition): synthetic data from
// w = [2, -3.4], b = 4.2, nn.Sequential(nn.Linear(2, 1)) with its weight and bias set through `.data`,
// nn.MSELoss and optim.SGD doing the update, the loss over the whole dataset after each epoch and the
// error of the learned parameters. The book draws 1,000 examples and their noise from a normal
// distribution, shuffles minibatches of 10 with a DataLoader, initialises the weight with normal_(0, 0.01)
// and trains 3 epochs at lr 0.03; this port computes 10 examples and their noise from a formula, takes
// minibatches of 5 in order, sets the weight to literals and trains 8 epochs at lr 0.3 (few examples
// need bigger steps). `net(X)` is net.forward(X), `net[0]` needs a cast to nn.Linear, the slice
// features[start:start + 5] is features.slice(0, start, start + 5), and torch 1.13's zero_grad() (zeros in
// place) is zeroGrad({ setToNone: false }). linear-regression-concise.py is the same program in PyTorch.
import { nn, optim, sub, tensor } from 'gradlens';

const trueW = tensor([2, -3.4]);
const trueB = 4.2;
const rows: number[][] = [];
for (let i = 0; i < 10; i++) rows.push([((i * 7 + 3) % 11) / 5.5 - 1, ((i * 5 + 2) % 13) / 6.5 - 1]);
const features = tensor(rows);
const noise = tensor(rows.map(([p, q]) => [0.01 * (p - q) * (p + q)]));
const labels = features.matmul(trueW).reshape([-1, 1]).add(trueB).add(noise);

const net = new nn.Sequential(new nn.Linear(2, 1));
const linear = net[0] as nn.Linear;
linear.weight.data.copy_(tensor([[0.01, -0.005]]));
linear.bias!.data.fill_(0);
const loss = new nn.MSELoss();
const trainer = new optim.SGD(net.parameters(), { lr: 0.3 });

const numEpochs = 8;
const batchSize = 5;
for (let epoch = 0; epoch < numEpochs; epoch++) {
  for (let start = 0; start < rows.length; start += batchSize) {
    const X = features.slice(0, start, start + batchSize);
    const y = labels.slice(0, start, start + batchSize);
    const l = loss.forward(net.forward(X), y);
    trainer.zeroGrad({ setToNone: false });
    l.backward();
    trainer.step();
  }
  const l = loss.forward(net.forward(features), labels);
  console.log('epoch', epoch + 1, 'loss', l.item(), l.gradFn!.name);
}
const w = linear.weight.data;
console.log('error in w:', JSON.stringify(trueW.sub(w.reshape(trueW.shape)).tolist()));
const b = linear.bias!.data;
console.log('error in b:', JSON.stringify(sub(trueB, b).tolist()));
console.log('weight.grad', JSON.stringify(linear.weight.grad!.tolist()));
