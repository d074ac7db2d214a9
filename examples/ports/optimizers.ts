// A port of the optimizer loop every PyTorch tutorial ends with ("Optimizing Model Parameters",
// PyTorch tutorials, basics): zeroGrad, backward, step, here with the variants people reach for —
// SGD with momentum, Nesterov and weight decay, and Adam with and without weight decay — on the same
// small linear model. The tutorial trains on Fashion-MNIST; this port fits 6 points from formulas.
// optimizers.py beside it is the same program in PyTorch.
import { nn, optim, tensor, noGrad, type Tensor } from 'gradlens';

const X = tensor([[0.5, -1.0], [1.5, 0.25], [-2.0, 1.0], [0.0, -0.5], [1.0, 1.0], [-0.5, 2.0]]);
const Y = tensor([[1.0], [2.0], [-1.5], [0.25], [1.5], [0.5]]);

function fresh(): nn.Linear {
  const model = new nn.Linear(2, 1);
  noGrad(() => {
    model.weight.copy_(tensor([[0.3, -0.2]]));
    model.bias.copy_(tensor([0.1]));
  });
  return model;
}

function train(name: string, model: nn.Linear, optimizer: { zeroGrad(): void; step(): void }): void {
  const lossFn = new nn.MSELoss();
  let loss: Tensor = lossFn.forward(model.forward(X), Y);
  for (let t = 0; t < 25; t++) {
    loss = lossFn.forward(model.forward(X), Y);
    optimizer.zeroGrad();
    loss.backward();
    optimizer.step();
  }
  console.log(name, loss.item(), JSON.stringify(model.weight.tolist()), JSON.stringify(model.bias.tolist()));
}

let m = fresh();
train('sgd', m, new optim.SGD(m.parameters(), { lr: 0.05 }));
m = fresh();
train('sgd-momentum', m, new optim.SGD(m.parameters(), { lr: 0.05, momentum: 0.9 }));
m = fresh();
train('sgd-nesterov-wd', m, new optim.SGD(m.parameters(), { lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 0.01 }));
m = fresh();
train('sgd-dampening', m, new optim.SGD(m.parameters(), { lr: 0.05, momentum: 0.5, dampening: 0.3 }));
m = fresh();
train('adam', m, new optim.Adam(m.parameters(), { lr: 0.05 }));
m = fresh();
train('adam-wd', m, new optim.Adam(m.parameters(), { lr: 0.05, betas: [0.8, 0.99], eps: 1e-6, weightDecay: 0.1 }));
