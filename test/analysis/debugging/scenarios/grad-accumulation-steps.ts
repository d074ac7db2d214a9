// Gradient accumulation on purpose: two backward() calls per update, then zeroGrad(). No warning.
import { tensor, optim } from 'gradlens';

const w = tensor([1, -1], { requiresGrad: true });
const xs = [tensor([2, 3]), tensor([1, -1])];
const opt = new optim.SGD([w], { lr: 0.05 });
for (let step = 0; step < 3; step++) {
  for (const x of xs) {
    const loss = w.mul(x).sum().pow(2);
    loss.backward();
  }
  opt.step();
  opt.zeroGrad();
}
const final = w.add(0);
