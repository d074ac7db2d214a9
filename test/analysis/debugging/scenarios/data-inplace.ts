// Changing w.data in place is allowed and not tracked (the gradient uses the new value).
import { tensor } from 'gradlens';

const w = tensor([1, 2], { requiresGrad: true });
const loss = w.mul(w).sum();
w.data.mul_(10);
loss.backward();
const g = w.grad;
const v = w.add(0);
