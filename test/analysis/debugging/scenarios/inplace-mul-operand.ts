// mul saves both operands; changing one in place breaks the backward of the product.
import { tensor } from 'gradlens';

const x = tensor([1, 2, 3], { requiresGrad: true });
const w = tensor([0.5, -1, 2], { requiresGrad: true });
const h = x.add(1);
const p = h.mul(w);
h.sub_(1);
p.sum().backward();
const gw = w.grad;
