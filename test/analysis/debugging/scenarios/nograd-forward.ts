// The forward pass ran under noGrad: the loss has no grad_fn and backward() fails.
import { tensor, noGrad } from 'gradlens';

const w = tensor([1, 2, 3], { requiresGrad: true });
const loss = noGrad(() => w.mul(2).sum());
loss.backward();
const wg = w.grad;
const after = w.mul(2).sum();
