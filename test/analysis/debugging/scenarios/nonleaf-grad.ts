// Reading .grad of a non-leaf tensor: PyTorch warns and gives None.
import { tensor } from 'gradlens';

const x = tensor([1, 2, 3], { requiresGrad: true });
const h = x.mul(2);
const loss = h.pow(2).sum();
loss.backward();
const hg = h.grad;
const xg = x.grad;
