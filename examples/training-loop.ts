// A training loop: fit y = 3x - 1 with one weight and one bias using optim.SGD.
// The loss falls over the steps; `loss` shows its last value and a history of every step.
import { tensor, linspace, optim, F } from 'gradlens';

const xs = linspace(-1, 1, 16).reshape(16, 1);
const ys = xs.mul(3).sub(1);

const w = tensor([[0.0]], { requiresGrad: true });
const b = tensor([0.0], { requiresGrad: true });
const opt = new optim.SGD([w, b], { lr: 0.2 });

let first = 0;
for (let step = 0; step < 40; step++) {
  opt.zeroGrad();
  const pred = xs.matmul(w).add(b);
  const loss = F.mseLoss(pred, ys);
  loss.backward();
  opt.step();
  if (step === 0) first = loss.item();
  if (step % 10 === 9) console.log(`step ${step + 1}: loss ${loss.item().toFixed(5)}`);
}

console.log('first loss', first.toFixed(4));
console.log('w', w.item().toFixed(3), 'b', b.item().toFixed(3));
