// An in-place op on a saved tensor after backward() already ran is fine.
import { tensor } from 'gradlens';

const x = tensor([0.5, 1, 1.5], { requiresGrad: true });
const y = x.exp();
const loss = y.sum();
loss.backward();
y.add_(1);
const g = x.grad;
