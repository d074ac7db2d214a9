// item() returns a plain number: the loss does not depend on w through it.
import { tensor } from 'gradlens';

const w = tensor([1, 2], { requiresGrad: true });
const c = tensor([3, 4], { requiresGrad: true });
const scale = w.sum().item();
const loss = c.mul(scale).sum();
loss.backward();
const cg = c.grad;
const wg = w.grad;
