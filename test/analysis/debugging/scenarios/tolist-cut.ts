// tensor(x.tolist()) makes a new leaf from the numbers: the path to w is gone.
import { tensor } from 'gradlens';

const w = tensor([1, 2, 3], { requiresGrad: true });
const h = w.mul(2);
const copy = tensor(h.tolist() as number[]);
const loss = copy.pow(2).sum();
loss.backward();
const wg = w.grad;
