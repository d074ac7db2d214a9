// Three steps without zeroGrad(): the gradients accumulate across steps.
import { tensor, optim } from 'gradlens';

const w = tensor([1, -1], { requiresGrad: true });
const x = tensor([2, 3]);
const opt = new optim.SGD([w], { lr: 0.1 });
for (let step = 0; step < 3; step++) {
  const loss = w.mul(x).sum().pow(2);
  loss.backward();
  opt.step();
}
const final = w.add(0);
const g = w.grad;
