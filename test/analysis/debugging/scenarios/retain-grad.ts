// retainGrad() on a non-leaf: its .grad is kept, no warning.
import { tensor } from 'gradlens';

const x = tensor([1, 2, 3], { requiresGrad: true });
const h = x.mul(2);
h.retainGrad();
const loss = h.pow(2).sum();
loss.backward();
const hg = h.grad;
const xg = x.grad;
