// Why is b.grad null? The loss never uses b.
import { tensor } from 'gradlens';

const w = tensor([0.5, -1.0], { requiresGrad: true });
const b = tensor(0.5, { requiresGrad: true });
const x = tensor([2.0, 3.0]);
const loss = w.mul(x).sum().pow(2); // b was meant to be added here
loss.backward();
console.log(w.grad);
console.log(b.grad);
