// A hand-written norm of a zero vector: the value is 0, the gradient is nan (PyTorch's own norm gives 0).
import { tensor } from 'gradlens';

const v = tensor([0, 0, 0], { requiresGrad: true });
const norm = v.pow(2).sum().sqrt();
norm.backward();
console.log(v.grad);
