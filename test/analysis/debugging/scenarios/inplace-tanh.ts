// tanh saves its output; mul_ changes it before backward.
import { tensor } from 'gradlens';

const x = tensor([-2, 0.5, 3], { requiresGrad: true });
const t = x.tanh();
const loss = t.pow(2).sum();
t.mul_(0.5);
loss.backward();
const after = x.neg();
