// Backward through the graph a second time: the first backward() freed it.
import { tensor } from 'gradlens';

const a = tensor([1, 2, 3], { requiresGrad: true });
const loss = a.exp().sum();
loss.backward();
console.log(a.grad);
loss.backward();
