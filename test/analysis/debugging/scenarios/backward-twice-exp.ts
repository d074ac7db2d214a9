// A second backward() through a graph whose saved tensors were freed by the first.
import { tensor } from 'gradlens';

const a = tensor([1, 2, 3], { requiresGrad: true });
const h = a.pow(2);
const loss = h.sum();
loss.backward();
loss.backward();
const g = a.grad;
const after = a.mul(3);
