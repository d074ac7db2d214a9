// An optimizer given a non-leaf tensor.
import { tensor, optim } from 'gradlens';

const w = tensor([1, 2], { requiresGrad: true });
const scaled = w.mul(2);
const opt = new optim.SGD([scaled], { lr: 0.1 });
const ok = new optim.SGD([w], { lr: 0.1 });
const after = w.sum();
