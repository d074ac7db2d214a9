// A manual SGD step outside noGrad: an in-place op on a leaf that requires grad.
import { tensor, noGrad } from 'gradlens';

const w = tensor([1, 2], { requiresGrad: true });
const loss = w.pow(2).sum();
loss.backward();
w.sub_(w.grad!.mul(0.1));
noGrad(() => w.sub_(w.grad!.mul(0.1)));
const after = w.add(0);
