// A port of the custom nn.Module example of PyTorch's "Learning PyTorch with Examples" tutorial:
// TwoLayerNet (Linear -> clamp(min=0) -> Linear) trained with a summed MSE loss and SGD.
// The tutorial draws its data and weights with torch.randn; this port sets them from literals and a
// formula PyTorch can reproduce, so every value, gradient and grad_fn can be compared with PyTorch.
import { nn, optim, tensor, noGrad, type Tensor } from 'gradlens';

class TwoLayerNet extends nn.Module {
  linear1: nn.Linear;
  linear2: nn.Linear;
  constructor(dIn: number, h: number, dOut: number) {
    super();
    this.linear1 = new nn.Linear(dIn, h);
    this.linear2 = new nn.Linear(h, dOut);
  }

  override forward(x: Tensor): Tensor {
    const hRelu = this.linear1.forward(x).clamp(0);
    const yPred = this.linear2.forward(hRelu);
    return yPred;
  }
}

/** Weights a port can reproduce anywhere: ((37 k + seed) mod 17 - 8) / 20 for the k-th element. */
function fill(p: Tensor, seed: number): void {
  const n = p.shape.reduce((a, b) => a * b, 1);
  const values = Array.from({ length: n }, (_, k) => (((37 * k + seed) % 17) - 8) / 20);
  noGrad(() => p.copy_(tensor(values).reshape(p.shape)));
}

const x = tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.5], [-2.0, 1.0, 0.75], [0.0, -0.5, 1.25]]);
const y = tensor([[1.0, -1.0], [0.5, 0.0], [-1.5, 2.0], [0.25, 0.75]]);

const model = new TwoLayerNet(3, 5, 2);
model.namedParameters().forEach(([, p], i) => fill(p, i));
console.log(model);

const criterion = new nn.MSELoss({ reduction: 'sum' });
const optimizer = new optim.SGD(model.parameters(), { lr: 0.01 });
let yPred = model.forward(x);
let loss = criterion.forward(yPred, y);
for (let t = 0; t < 20; t++) {
  yPred = model.forward(x);
  loss = criterion.forward(yPred, y);
  if (t % 5 === 4) console.log(t, loss.item().toFixed(6));
  optimizer.zeroGrad();
  loss.backward();
  optimizer.step();
}
