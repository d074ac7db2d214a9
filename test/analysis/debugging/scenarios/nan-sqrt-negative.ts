// sqrt of a negative number is nan.
import { tensor } from 'gradlens';

const x = tensor([-1, 4], { requiresGrad: true });
const r = x.sqrt();
const loss = r.sum();
loss.backward();
const g = x.grad;
