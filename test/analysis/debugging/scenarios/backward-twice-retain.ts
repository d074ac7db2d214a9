// The second backward() is allowed by retainGraph: true, and the gradients add up.
import { tensor } from 'gradlens';

const a = tensor([1, 2, 3], { requiresGrad: true });
const loss = a.exp().sum();
loss.backward(undefined, { retainGraph: true });
loss.backward();
const g = a.grad;
