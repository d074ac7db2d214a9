// Why does the loss go up? Each backward() adds to w.grad, and nothing clears it between steps.
import { tensor, optim } from 'gradlens';

const x = tensor([[1, 2], [3, 4], [5, 6]]);
const y = tensor([5, 11, 17]);
const w = tensor([0, 0], { requiresGrad: true });
const opt = new optim.SGD([w], { lr: 0.01 });
for (let step = 0; step < 5; step++) {
  const loss = x.matmul(w).sub(y).pow(2).mean();
  loss.backward(); // opt.zeroGrad() belongs before this line
  opt.step();
}
console.log(w);
