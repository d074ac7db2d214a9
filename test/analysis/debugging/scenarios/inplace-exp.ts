// exp saves its output; add_ changes it before backward.
import { tensor } from 'gradlens';

const x = tensor([0.5, 1, 1.5], { requiresGrad: true });
const y = x.exp();
y.add_(1);
const loss = y.sum();
loss.backward();
const after = x.mul(2);
