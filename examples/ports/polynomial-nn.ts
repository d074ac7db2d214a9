// A port of "PyTorch: nn" and "PyTorch: optim" from PyTorch's "Learning PyTorch with Examples": the
// third-order polynomial fit of sin(x) as a model, nn.Sequential(Linear(3, 1), Flatten(0, 1)) over the
// features xx = x.unsqueeze(-1).pow(p) with p = [1, 2, 3], an nn.MSELoss summing the squares; first
// updated by hand under noGrad, then by optim.RMSprop. The tutorial uses 2,000 points and 2,000 steps
// from a random Linear; this port takes 200 points, 300 steps (the hand update's lr scaled up by 10, as
// the summed loss has a tenth of the terms) and sets the Linear from literals. PyTorch's `model(xx)` is
// model.forward(xx) and `model[0]` needs a cast to nn.Linear, `weight[:, 0]` is
// weight.index([{}, 0]), and torch 1.13's zero_grad() (zeros in place) is zeroGrad({ setToNone: false }).
// polynomial-nn.py is the same program in PyTorch.
import { linspace, nn, optim, tensor, noGrad } from 'gradlens';

const x = linspace(-Math.PI, Math.PI, 200);
const y = x.sin();

// y is a linear function of (x, x², x³): the features are the last dimension of xx
const p = tensor([1, 2, 3]);
const xx = x.unsqueeze(-1).pow(p);
console.log('xx', JSON.stringify(xx.shape), xx.dtype === 'float32' ? 'torch.float32' : xx.dtype);

function makeModel(): nn.Sequential {
  const model = new nn.Sequential(new nn.Linear(3, 1), new nn.Flatten({ startDim: 0, endDim: 1 }));
  const linear = model[0] as nn.Linear;
  noGrad(() => {
    linear.weight.copy_(tensor([[0.3, -0.1, 0.05]]));
    linear.bias!.copy_(tensor([0.2]));
  });
  return model;
}

function result(model: nn.Sequential): string {
  const l = model[0] as nn.Linear;
  const w = l.weight;
  return `Result: y = ${l.bias!.item()} + ${w.index([{}, 0]).item()} x + ${w.index([{}, 1]).item()} x^2 + ${w.index([{}, 2]).item()} x^3`;
}

// PyTorch: nn — the update by hand
const model = makeModel();
const lossFn = new nn.MSELoss({ reduction: 'sum' });
const learningRate = 1e-5;
for (let t = 0; t < 300; t++) {
  const yPred = model.forward(xx);
  const loss = lossFn.forward(yPred, y);
  if (t % 100 === 99) console.log('nn', t, loss.item(), loss.gradFn!.name, yPred.gradFn!.name);
  model.zeroGrad({ setToNone: false }); // torch 1.13's zero_grad(): zeros in place
  loss.backward();
  noGrad(() => {
    for (const param of model.parameters()) param.sub_(param.grad!.mul(learningRate));
  });
}
console.log(result(model));

// PyTorch: optim — RMSprop does the update
const model2 = makeModel();
const optimizer = new optim.RMSprop(model2.parameters(), { lr: 1e-3 });
for (let t = 0; t < 300; t++) {
  const yPred = model2.forward(xx);
  const loss = lossFn.forward(yPred, y);
  if (t % 100 === 99) console.log('optim', t, loss.item());
  optimizer.zeroGrad({ setToNone: false });
  loss.backward();
  optimizer.step();
}
console.log(result(model2));
