// log(0) = -inf; multiplied by 0 it is nan.
import { tensor } from 'gradlens';

const p = tensor([0, 0.5, 1], { requiresGrad: true });
const t = tensor([0, 1, 1]);
const l = p.log();
const loss = t.mul(l).sum().neg();
loss.backward();
const g = p.grad;
