// Number(...) of a tensor's value, then plain arithmetic: no gradient flows back.
import { tensor } from 'gradlens';

const w = tensor([0.5], { requiresGrad: true });
const b = tensor([2], { requiresGrad: true });
const m = Number(w.mul(3).item()) * 2;
const loss = b.mul(m).sum();
loss.backward();
const bg = b.grad;
const wg = w.grad;
