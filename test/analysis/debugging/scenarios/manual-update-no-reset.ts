// A hand-written SGD step under noGrad that never clears w.grad: each step uses the sum of all gradients.
import { tensor, noGrad } from 'gradlens';

const w = tensor([1, -1], { requiresGrad: true });
const x = tensor([2, 3]);
for (let step = 0; step < 3; step++) {
  const loss = w.mul(x).sum().pow(2);
  loss.backward();
  noGrad(() => w.sub_(w.grad!.mul(0.1)));
}
const final = w.add(0);
const g = w.grad;
