// 0 / 0: a normalisation of a zero vector.
import { tensor } from 'gradlens';

const x = tensor([0, 0], { requiresGrad: true });
const n = x.abs().sum();
const u = x.div(n);
const loss = u.sum();
loss.backward();
const g = x.grad;
