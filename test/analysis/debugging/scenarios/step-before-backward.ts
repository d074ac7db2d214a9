// optimizer.step() before any backward(): nothing has a gradient, nothing moves.
import { tensor, optim } from 'gradlens';

const w = tensor([1, 2], { requiresGrad: true });
const opt = new optim.SGD([w], { lr: 0.1 });
opt.step();
const loss = w.pow(2).sum();
loss.backward();
const same = w.add(0);
const g = w.grad;
