// backward() on a tensor of 3 elements without a gradient argument.
import { tensor } from 'gradlens';

const x = tensor([1, 2, 3], { requiresGrad: true });
const y = x.mul(2);
y.backward();
const loss = y.sum();
loss.backward();
const g = x.grad;
