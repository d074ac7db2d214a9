// An in-place op on a leaf that requires grad.
import { tensor } from 'gradlens';

const w = tensor([1, 2, 3], { requiresGrad: true });
w.add_(1);
const loss = w.mul(2).sum();
loss.backward();
const g = w.grad;
