// Why is w.grad null? detach() cut w out of y, so the loss does not depend on w.
import { tensor } from 'gradlens';

const w = tensor([1.0, 2.0], { requiresGrad: true });
const c = tensor([2.0, 3.0], { requiresGrad: true });
const y = w.detach().mul(3);
const loss = c.mul(y).sum();
loss.backward();
console.log(c.grad);
console.log(w.grad);
